#pragma once
// What the CLI prints: reports for clerks (Vietnamese) and JSON for scripts.
#include "pipeline/job/pipeline.hpp"

#include <iosfwd>

namespace tdkt::app {

void printCheckReport(const job::CheckReport& report, std::size_t fileCount, std::ostream& out,
                      std::ostream& err);
void printIssueReport(const job::IssueReport& report, std::ostream& out);
void printHitsTable(const std::vector<archive::SearchHit>& hits, std::ostream& out);
void printHitsJson(const std::vector<archive::SearchHit>& hits, std::ostream& out);
void printVerifyReport(const archive::VerifyReport& report, std::ostream& out, std::ostream& err);
// A one-line progress display for terminals ("\r" redraws).
job::ProgressFn progressPrinter(std::ostream& err);

} // namespace tdkt::app
