import Foundation
import Studies
import Testing

/// Variable labels of an SPSS file name the terms in a study's regression table and coefficient
/// figure (a factor level as "label: level"), unless the spec labels the term itself; an
/// identifier's label is never used.
@Suite struct VariableLabelTests {
  @Test func labelsNameTheTermsOfTablesAndFigures() throws {
    let sav = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/readers/labelled_panel.sav")
    let made = try StudyFixtures.make(
      spec: """
        study: Labels
        data: {path: \(sav.path), panel: {unit: learner_id, group: school_id}}
        disclosure: {min_cell: 10}
        analyses:
          - {name: score, kind: ols, formula: "stem_score ~ female + ses + C(track)"}
        table:
          labels: {ses: SES}
        outputs: [json, csv, svg]

        """, files: [:])
    let run = try Study.run(spec: made.spec, out: made.folder.appendingPathComponent("out").path)
    let table = try String(
      contentsOf: run.folder.appendingPathComponent("tables/regressions.csv"), encoding: .utf8)
    #expect(table.contains("\nMeisje,"))
    #expect(table.contains("\nSES,"), "the spec's own label wins")
    #expect(table.contains("\nOnderwijsvorm: care,") || table.contains("\nOnderwijsvorm: arts,"))
    #expect(!table.contains("\nfemale,"))
    let figure = try String(
      contentsOf: run.folder.appendingPathComponent("figures/coefficients.svg"), encoding: .utf8)
    #expect(figure.contains(">Meisje<"))
    #expect(!table.contains("Leerling") && !figure.contains("Leerling"))
  }

  @Test func labelsOfAJoinedFileNameItsTermsToo() throws {
    let folder = StudyFixtures.root.appendingPathComponent("Tests/Fixtures/readers")
    let sav = folder.appendingPathComponent("labelled_panel.sav")
    let schools = folder.appendingPathComponent("labelled_schools.sav")
    let made = try StudyFixtures.make(
      spec: """
        study: Joined labels
        data:
          path: \(sav.path)
          panel: {unit: learner_id, group: school_id}
          join:
            - {path: \(schools.path), by: [school_id], prefix: school_}
        disclosure: {min_cell: 10}
        analyses:
          - {name: score, kind: ols, formula: "stem_score ~ female + school_size + school_network"}
        outputs: [json, csv]

        """, files: [:])
    let run = try Study.run(spec: made.spec, out: made.folder.appendingPathComponent("out").path)
    let table = try String(
      contentsOf: run.folder.appendingPathComponent("tables/regressions.csv"), encoding: .utf8)
    #expect(table.contains("\nMeisje,"), "the main file's label")
    #expect(table.contains("\nSchoolgrootte,"), "the joined file's label, under its prefixed name")
    // A joined value-labelled variable is a factor whose levels are its labels.
    #expect(table.contains("\nOnderwijsnet: vrij,"), "\(table)")
    #expect(!table.contains("\nschool_size,"))
  }
}
