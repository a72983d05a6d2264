"""Writes learners.csv and schools.csv, the data of the identifier-leak specs (issue 13).

60 learners (ids 7300001..7300060, far from any other number in the outputs) over 2019-2023 in
6 schools (800..805). Track 'rare' holds 3 learners (15 learner-years), 2 of them in region
'Limburg'; region 'Brussel' (not the first level) holds one learner. `student` copies the id, `code` is "P" + id: both leak the id under another name.
Run: python3 make_learners.py (deterministic, no randomness).
"""

rows = ["learner_id,school_id,year,female,track,region,ses,score,student,code"]
for i in range(60):
    lid = 7300001 + i
    school = 800 + i % 6
    female = i % 2
    track = "rare" if i < 3 else ("A" if i % 2 == 0 else "B")
    region = "Brussel" if i == 4 else ("Antwerpen" if i % 3 == 0 else "Limburg")
    ses = round(((i * 37) % 101) / 50.0 - 1.0 + 0.0013 * i, 3)
    for year in range(2019, 2024):
        noise = ((i * 131 + year * 17) % 29) / 7.0
        score = 50 + 0.41 * i + 1.3 * (year - 2019) + 2.5 * female + noise
        rows.append(
            f"{lid},{school},{year},{female},{track},{region},{ses:.3f},{score:.2f},{lid},P{lid}")
with open("learners.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
with open("schools.csv", "w") as f:
    f.write("school_id,adoption_year\n" + "".join(
        f"{800 + s},{2020 + s % 3}\n" for s in range(6)))
