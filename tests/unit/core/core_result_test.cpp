#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/core/sha256.hpp"

#include <catch2/catch.hpp>

using namespace tdkt;

TEST_CASE("error kinds map to sysexits in one table") {
    CHECK(core::exitCodeFor(core::ErrorKind::Usage) == 64);
    CHECK(core::exitCodeFor(core::ErrorKind::InputRejected) == 65);
    CHECK(core::exitCodeFor(core::ErrorKind::VerifyFailed) == 65);
    CHECK(core::exitCodeFor(core::ErrorKind::InputMissing) == 66);
    CHECK(core::exitCodeFor(core::ErrorKind::Internal) == 70);
    CHECK(core::exitCodeFor(core::ErrorKind::CannotCreate) == 73);
    CHECK(core::exitCodeFor(core::ErrorKind::Io) == 74);
    CHECK(core::exitCodeFor(core::ErrorKind::Locked) == 75);
    CHECK(core::exitCodeFor(core::ErrorKind::Config) == 78);
}

TEST_CASE("Result carries a value or an error") {
    core::Result<int> good = 5;
    REQUIRE(good.ok());
    CHECK(good.value() == 5);
    core::Result<int> bad = core::makeError(core::ErrorKind::Io, "C999", "hỏng");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "C999");
    core::Status s;
    CHECK(s.ok());
}

TEST_CASE("sha256 of known vectors") {
    CHECK(core::sha256Hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(core::sha256Hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("atomic write replaces the file whole and leaves no temporary") {
    fs::path dir = fs::temp_directory_path() / fs::unique_path("tdkt-atomic-%%%%%%");
    fs::create_directories(dir);
    fs::path f = dir / "a.txt";
    REQUIRE(core::writeFileAtomic(f, "một").ok());
    REQUIRE(core::writeFileAtomic(f, "hai").ok());
    CHECK(core::readFile(f).value() == "hai");
    CHECK(core::sha256File(f).value() == core::sha256Hex("hai"));
    int entries = 0;
    for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) {
        ++entries;
    }
    CHECK(entries == 1);
    fs::remove_all(dir);
}
