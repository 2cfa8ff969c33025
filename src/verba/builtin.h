/* builtin.h: the subcommands, one file each. */
#pragma once

int builtin_import (int argc, char **argv);
int builtin_code (int argc, char **argv);
int builtin_campaigns (int argc, char **argv);
int builtin_freq (int argc, char **argv);
int builtin_matrix (int argc, char **argv);
int builtin_quotes (int argc, char **argv);
int builtin_codebook (int argc, char **argv);
int builtin_report (int argc, char **argv);
int builtin_agree (int argc, char **argv);
int builtin_export (int argc, char **argv);
int builtin_merge (int argc, char **argv);
int builtin_learn (int argc, char **argv);
int builtin_sample (int argc, char **argv);
int builtin_terms (int argc, char **argv);
int builtin_kwic (int argc, char **argv);
