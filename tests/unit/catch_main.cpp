#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>

// The tests' dossiers are dated through 2026 while their clock (SOURCE_DATE_EPOCH, set by
// CTest) is 2026-01-01, pinned for byte-identical output: the date checks (L006) take the end
// of 2026 as the run's date unless a test says otherwise (--as-of, TDKT_AS_OF). Set here, in
// the one main every test binary shares, because CTest's ENVIRONMENT property holds one
// variable (a ";" would split the property list); child processes inherit it.
int main(int argc, char* argv[]) {
    setenv("TDKT_AS_OF", "2026-12-31", 0);
    return Catch::Session().run(argc, argv);
}
