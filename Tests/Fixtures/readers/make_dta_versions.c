/* Writes the same small labelled table as Stata .dta in every format version ReadStat writes
 * (104-119), for Tests/DataTableTests/FileReaderTests.swift, and expected_dta_versions.json with
 * the values written (the schema of expected.json).
 *
 * Build and run: ./make_dta_versions.sh (cc, Debian libreadstat-dev). Each file is then read
 * back by pandas.read_stata in check_dta_versions.py. */
#include <fcntl.h>
#include <readstat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static ssize_t write_bytes(const void *data, size_t len, void *ctx) {
  return write(*(int *)ctx, data, len);
}

#define ROWS 5
static const int ids[ROWS] = {1, 2, 3, 4, 5};
static const double scores[ROWS] = {12.5, 7.25, -1, 15, 9.5}; /* -1: written as missing */
static const int tracks[ROWS] = {1, 2, 3, 1, 2};
static const char *towns[ROWS] = {"Liege", "Brussel", "Gent", "Antwerpen", ""};
/* Days since 1960-01-01 (Stata's epoch): 2021-09-01, 1999-12-31, 1960-01-01, 2024-02-29,
 * 1959-12-31. */
static const int starts[ROWS] = {22524, 14609, 0, 23435, -1};
static const char *start_iso[ROWS] = {"2021-09-01", "1999-12-31", "1960-01-01", "2024-02-29",
                                      "1959-12-31"};
static const char *track_labels[4] = {"", "BSO", "TSO", "ASO"};

static int write_version(int version, const char *path) {
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  if (fd < 0) return 1;
  readstat_writer_t *writer = readstat_writer_init();
  readstat_set_data_writer(writer, write_bytes);
  readstat_writer_set_file_format_version(writer, (uint8_t)version);
  readstat_writer_set_file_timestamp(writer, 1700000000);
  readstat_writer_set_file_label(writer, "VETStat dta versions");
  readstat_label_set_t *set = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "trackl");
  for (int c = 1; c <= 3; c++) readstat_label_int32_value(set, c, track_labels[c]);
  readstat_variable_t *id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
  readstat_variable_set_label(id, "Leerling");
  readstat_variable_t *score = readstat_add_variable(writer, "score", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_set_label(score, "Score wiskunde");
  readstat_variable_t *track = readstat_add_variable(writer, "track", READSTAT_TYPE_INT32, 0);
  readstat_variable_set_label(track, "Onderwijsvorm");
  readstat_variable_set_label_set(track, set);
  readstat_variable_t *town = readstat_add_variable(writer, "gemeente", READSTAT_TYPE_STRING, 12);
  readstat_variable_set_label(town, "Gemeente");
  readstat_variable_t *start = readstat_add_variable(writer, "start", READSTAT_TYPE_INT32, 0);
  readstat_variable_set_label(start, "Startdatum");
  readstat_variable_set_format(start, version >= 114 ? "%td" : "%d");
  readstat_error_t error = readstat_begin_writing_dta(writer, &fd, ROWS);
  for (int r = 0; r < ROWS && error == READSTAT_OK; r++) {
    readstat_begin_row(writer);
    readstat_insert_int32_value(writer, id, ids[r]);
    if (scores[r] < 0) {
      readstat_insert_missing_value(writer, score);
    } else {
      readstat_insert_double_value(writer, score, scores[r]);
    }
    readstat_insert_int32_value(writer, track, tracks[r]);
    readstat_insert_string_value(writer, town, towns[r]);
    readstat_insert_int32_value(writer, start, starts[r]);
    error = readstat_end_row(writer);
  }
  if (error == READSTAT_OK) error = readstat_end_writing(writer);
  readstat_writer_free(writer);
  close(fd);
  if (error != READSTAT_OK) {
    fprintf(stderr, "version %d: %s\n", version, readstat_error_message(error));
    unlink(path);
    return 1;
  }
  return 0;
}

static void json_strings(FILE *out, const char **values, int missing_empty) {
  fprintf(out, "[");
  for (int r = 0; r < ROWS; r++) {
    if (missing_empty && values[r][0] == 0) {
      fprintf(out, "%s\"\"", r ? ", " : "");
    } else {
      fprintf(out, "%s\"%s\"", r ? ", " : "", values[r]);
    }
  }
  fprintf(out, "]");
}

int main(void) {
  static const int versions[] = {104, 105, 108, 110, 111, 113, 114, 115, 117, 118, 119};
  FILE *out = fopen("expected_dta_versions.json", "w");
  if (!out) return 1;
  fprintf(out, "{\n");
  int first = 1;
  for (size_t v = 0; v < sizeof versions / sizeof versions[0]; v++) {
    char path[64];
    snprintf(path, sizeof path, "dta_v%d.dta", versions[v]);
    if (write_version(versions[v], path) != 0) continue;
    printf("wrote %s\n", path);
    fprintf(out, "%s  \"%s\": {\n    \"columns\": {\n", first ? "" : ",\n", path);
    first = 0;
    fprintf(out, "      \"id\": [1, 2, 3, 4, 5],\n");
    fprintf(out, "      \"score\": [12.5, 7.25, null, 15, 9.5],\n");
    const char *levels[ROWS];
    for (int r = 0; r < ROWS; r++) levels[r] = track_labels[tracks[r]];
    fprintf(out, "      \"track\": ");
    json_strings(out, levels, 0);
    fprintf(out, ",\n      \"gemeente\": ");
    json_strings(out, towns, 1);
    fprintf(out, ",\n      \"start\": ");
    json_strings(out, start_iso, 0);
    fprintf(out, "\n    },\n");
    fprintf(out, "    \"types\": {\"id\": \"int\", \"score\": \"double\", \"track\": \"category\", "
                 "\"gemeente\": \"string\", \"start\": \"date\"},\n");
    fprintf(out, "    \"missing\": {\"score\": {\"system-missing\": 1}},\n");
    fprintf(out, "    \"labels\": {\"id\": \"Leerling\", \"score\": \"Score wiskunde\", "
                 "\"track\": \"Onderwijsvorm\", \"gemeente\": \"Gemeente\", "
                 "\"start\": \"Startdatum\"},\n");
    fprintf(out, "    \"value_labels\": {\"track\": [[\"1\", \"BSO\"], [\"2\", \"TSO\"], "
                 "[\"3\", \"ASO\"]]}\n  }");
  }
  fprintf(out, "\n}\n");
  fclose(out);
  return 0;
}
