// tdkt-full: every command. `tdkt` hands it every command line it does not run itself
// (main.cpp); it can also be run directly.
#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return tdkt::app::run(args, tdkt::app::fullCommandTable(), std::cout, std::cerr);
}
