#include "archive/archive.hpp"

#include <unistd.h>
#include <utility>

namespace tdkt::archive {

Lock::Lock(Lock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

Lock& Lock::operator=(Lock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

// Closing the descriptor releases the flock.
Lock::~Lock() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

} // namespace tdkt::archive
