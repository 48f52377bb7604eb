#include "archive/archive.hpp"

#include <unistd.h>
#include <utility>

namespace tdkt::archive {

Staging::Staging(Staging&& other) noexcept
    : m_dir(std::exchange(other.m_dir, fs::path())), m_fd(std::exchange(other.m_fd, -1)),
      m_preparedFor(std::exchange(other.m_preparedFor, std::string())) {}

Staging& Staging::operator=(Staging&& other) noexcept {
    if (this != &other) {
        this->~Staging();
        m_dir = std::exchange(other.m_dir, fs::path());
        m_fd = std::exchange(other.m_fd, -1);
        m_preparedFor = std::exchange(other.m_preparedFor, std::string());
    }
    return *this;
}

Staging::~Staging() {
    if (!m_dir.empty()) {
        boost::system::error_code ec;
        fs::remove_all(m_dir, ec); // uncommitted: nothing of it may remain
        m_dir.clear();
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void Staging::release() {
    m_dir.clear();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace tdkt::archive
