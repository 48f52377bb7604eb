#pragma once
// What the CLI prints: reports for clerks (Vietnamese) and JSON for scripts.
#include "hits_output.hpp"
#include "pipeline/job/pipeline.hpp"

#include <Poco/Util/OptionSet.h>
#include <iosfwd>

namespace tdkt::app {

// How a report is printed: findings grouped by code (default) or all (verbose), or JSON.
struct ReportStyle {
    bool verbose = false;
    bool json = false;
};

// round_output.cpp
// --verbose and --json of the commands that print a ReportStyle.
void addReportStyleOptions(Poco::Util::OptionSet& set);
void printCheckReport(const job::CheckReport& report, std::size_t fileCount,
                      const ReportStyle& style, std::ostream& out, std::ostream& err);
// The check, one line per decision (filed before a failure too), the configuration warnings
// once and the round's summary; when the run stopped, what was filed and what remains.
void printIssueReport(const job::IssueReport& report, std::size_t fileCount,
                      const fs::path& archiveRoot, const ReportStyle& style, std::ostream& out,
                      std::ostream& err);
// Every unverified configuration fact (file:line) and a summary; or JSON.
void printConfigCheck(const job::ConfigCheckReport& report, const ReportStyle& style,
                      std::ostream& out);
void printVerifyReport(const archive::VerifyReport& report, std::ostream& out, std::ostream& err);
// A one-line progress display for terminals ("\r" redraws).
job::ProgressFn progressPrinter(std::ostream& err);

} // namespace tdkt::app
