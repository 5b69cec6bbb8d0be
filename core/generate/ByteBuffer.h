#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace fabrica {

// The byte buffer generators write into: the std::string operations they use, without the costs a
// std::string has in this loop (a NUL after every append, zero-filling on growth, a memcpy call for every
// few bytes). Growth is geometric and the memory is kept across chunks.
class ByteBuffer
{
public:
    // Bytes allocated past capacity(): a reader may load `slack` bytes from any position inside the
    // buffer, and a writer may store them at any position inside capacity() (copyPadded()), so a short
    // value moves in one fixed-size step instead of a branch on its length.
    static constexpr std::size_t slack = 32;

    ByteBuffer() = default;
    ByteBuffer(const ByteBuffer &other) { append(other.view()); }
    ByteBuffer &operator=(const ByteBuffer &other)
    {
        if (this != &other) {
            clear();
            append(other.view());
        }
        return *this;
    }
    ByteBuffer(ByteBuffer &&) noexcept = default;
    ByteBuffer &operator=(ByteBuffer &&) noexcept = default;

    // Makes n more bytes part of the buffer and returns where they start; the caller writes them.
    char *grow(std::size_t n)
    {
        if (m_size + n > m_capacity)
            reallocate(std::max({m_capacity * 2, m_size + n, std::size_t(256)}));
        char *at = m_data.get() + m_size;
        m_size += n;
        return at;
    }

    ByteBuffer &append(std::string_view value)
    {
        copy(grow(value.size()), value.data(), value.size());
        return *this;
    }
    ByteBuffer &append(const char *data, std::size_t size) { return append(std::string_view(data, size)); }
    void push_back(char c) { *grow(1) = c; }
    void pop_back() { --m_size; }
    void insert(std::size_t position, std::string_view value)
    {
        const std::size_t tail = m_size - position;
        grow(value.size());
        std::memmove(m_data.get() + position + value.size(), m_data.get() + position, tail);
        std::memcpy(m_data.get() + position, value.data(), value.size());
    }
    void assign(std::string_view value)
    {
        clear();
        append(value);
    }
    // Shrinks to n bytes, or grows with zero bytes.
    void resize(std::size_t n)
    {
        if (n > m_size)
            std::memset(grow(n - m_size), 0, n - m_size);
        m_size = n;
    }
    void reserve(std::size_t n)
    {
        if (n > m_capacity)
            reallocate(n);
    }
    void clear() { m_size = 0; }
    void swap(ByteBuffer &other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
    }

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_size == 0; }
    char back() const { return m_data[m_size - 1]; }
    char &operator[](std::size_t i) { return m_data[i]; }
    char operator[](std::size_t i) const { return m_data[i]; }
    const char *data() const { return m_data.get(); }
    char *data() { return m_data.get(); }
    std::string_view view() const { return std::string_view(m_data.get(), m_size); }
    operator std::string_view() const { return view(); }
    std::string str() const { return std::string(view()); }

    // Copies n bytes; short copies are fixed-size loads and stores instead of a call to memcpy.
    // GCC, inlining this for a short string literal, warns about the branches for longer copies that the
    // length rules out; the pragmas keep that false alarm out of the build.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
    static char *copy(char *to, const char *from, std::size_t n)
    {
        if (n > 64) {
            std::memcpy(to, from, n);
        } else if (n >= 32) {
            // Four 16-byte blocks cover 32..64 bytes, overlapping in the middle.
            struct Block
            {
                char b[16];
            };
            Block a, b, c, d;
            std::memcpy(&a, from, 16);
            std::memcpy(&b, from + 16, 16);
            std::memcpy(&c, from + n - 32, 16);
            std::memcpy(&d, from + n - 16, 16);
            std::memcpy(to, &a, 16);
            std::memcpy(to + 16, &b, 16);
            std::memcpy(to + n - 32, &c, 16);
            std::memcpy(to + n - 16, &d, 16);
        } else if (n >= 16) {
            struct Block
            {
                char b[16];
            };
            Block head, tail;
            std::memcpy(&head, from, 16);
            std::memcpy(&tail, from + n - 16, 16);
            std::memcpy(to, &head, 16);
            std::memcpy(to + n - 16, &tail, 16);
        } else if (n >= 8) {
            std::uint64_t head, tail;
            std::memcpy(&head, from, 8);
            std::memcpy(&tail, from + n - 8, 8);
            std::memcpy(to, &head, 8);
            std::memcpy(to + n - 8, &tail, 8);
        } else if (n >= 4) {
            std::uint32_t head, tail;
            std::memcpy(&head, from, 4);
            std::memcpy(&tail, from + n - 4, 4);
            std::memcpy(to, &head, 4);
            std::memcpy(to + n - 4, &tail, 4);
        } else if (n > 0) {
            to[0] = from[0];
            to[n / 2] = from[n / 2];
            to[n - 1] = from[n - 1];
        }
        return to + n;
    }

    // copy() for a source and a destination that both have `slack` readable and writable bytes after
    // them (inside ByteBuffers): values up to 32 bytes, most of them, move in two fixed 16-byte steps.
    static char *copyPadded(char *to, const char *from, std::size_t n)
    {
        if (n > slack)
            return copy(to, from, n);
        struct Block
        {
            char b[16];
        };
        Block head, tail;
        std::memcpy(&head, from, 16);
        std::memcpy(&tail, from + 16, 16);
        std::memcpy(to, &head, 16);
        std::memcpy(to + 16, &tail, 16);
        return to + n;
    }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

private:
    void reallocate(std::size_t capacity)
    {
        std::unique_ptr<char[]> data(new char[capacity + slack]);
        if (m_size)
            std::memcpy(data.get(), m_data.get(), m_size);
        m_data = std::move(data);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace fabrica
