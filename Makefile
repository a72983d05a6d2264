# VETStat: the two commands of the README, plus helpers.
.PHONY: setup demo study test build release

setup:
	@scripts/ensure-system-packages.sh

# The main job (for now): fit a model on the bundled demo panel and print the table.
demo: setup
	swift run vetstat fit datasets/demo/stem_scores_demo.csv \
	  --formula "score ~ female + migrant + ses + C(track) + C(year)" --cluster school_id

# The bundled study: report.md, results.json, tables and SVG figures in out/<study name>/.
study: setup
	swift run vetstat run notebooks-md/stem_gender_gap.yaml

# The whole test suite.
test: setup
	swift build --build-tests
	swift test --skip-build

build: setup
	swift build

release: setup
	swift build -c release
