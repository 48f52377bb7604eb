#pragma once
#include "pipeline/core/fs.hpp"

#include <string>
#include <vector>

namespace e2e {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs build/tdkt with the arguments (each shell-quoted) in the repository root.
Run runTdkt(const std::vector<std::string>& args);
// Runs `program` (a shell command prefix, quoted by the caller: "env A=1 /path/tdkt") with the
// arguments (each shell-quoted) in the repository root, standard input empty.
Run runProgram(const std::string& program, const std::vector<std::string>& args);
// Runs a shell command and returns its standard output (exit code in *exitCode).
std::string shell(const std::string& command, int* exitCode = nullptr);
std::string quote(const std::string& s);

// A fresh temporary folder, removed when the object goes away.
struct TempDir {
    TempDir();
    ~TempDir();
    tdkt::fs::path path;
};

std::string repo(const std::string& relative);
std::string pdfText(const tdkt::fs::path& pdf); // pdftotext -layout, UTF-8
// pdftotext in reading order with every white-space run made one space, so that a name wrapped
// inside a table cell reads as one string again.
std::string pdfFlowText(const tdkt::fs::path& pdf);
// Text blocks as poppler groups them (pdftotext -bbox-layout): each table cell, paragraph or
// header is one block, its words joined by single spaces. Robust to wrapped table cells.
std::vector<std::string> pdfBlocks(const tdkt::fs::path& pdf);
int pdfPages(const tdkt::fs::path& pdf);
std::vector<tdkt::fs::path> findFiles(const tdkt::fs::path& root, const std::string& name);
std::string readAll(const tdkt::fs::path& file);
// How many times `what` occurs in `text` (overlaps included).
std::size_t count(const std::string& text, const std::string& what);
// True when the UTF-8 text holds a combining mark (U+0300–U+036F): Vietnamese in NFC has none.
bool hasCombiningMarks(const std::string& utf8);

// The bundled example dossiers (relative to the repository root, where tests run).
const std::vector<std::string>& exampleDossiers();
// `tdkt issue --archive ARCHIVE` with every example dossier.
Run issueExamples(const std::string& archive);
// The examples issued into <tmp>/kho (the test fails if issuing does); returns that folder.
std::string filledArchive(const TempDir& tmp);

} // namespace e2e
