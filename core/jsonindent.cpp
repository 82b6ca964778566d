#include "jsonindent.h"

#include <QList>

namespace sse {

namespace {

/** A validating scanner over one JSON text that writes tokens as they are. */
class Reindenter
{
public:
    Reindenter(QByteArrayView in, int indent, int maxDepth)
        : m_in(in), m_indent(indent), m_maxDepth(maxDepth)
    {
        m_out.reserve(in.size() + in.size() / 2);
    }

    QByteArray run()
    {
        skipSpace();
        if (!value(0))
            return {};
        skipSpace();
        if (m_pos != m_in.size())
            return {};
        return m_out;
    }

private:
    bool atEnd() const { return m_pos >= m_in.size(); }
    char peek() const { return m_in.at(m_pos); }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    void newline(int depth)
    {
        m_out.append('\n');
        m_out.append(QByteArray(qsizetype(depth) * m_indent, ' '));
    }

    bool value(int depth)
    {
        if (atEnd())
            return false;
        switch (peek()) {
        case '{': return container(depth, '}');
        case '[': return container(depth, ']');
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    bool container(int depth, char close)
    {
        if (depth >= m_maxDepth)
            return false;
        m_out.append(peek());
        ++m_pos;
        skipSpace();
        if (!atEnd() && peek() == close) {
            m_out.append(close);
            ++m_pos;
            return true;
        }
        while (true) {
            newline(depth + 1);
            if (close == '}') {
                if (atEnd() || peek() != '"' || !string())
                    return false;
                skipSpace();
                if (atEnd() || peek() != ':')
                    return false;
                ++m_pos;
                m_out.append(": ");
                skipSpace();
            }
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (atEnd())
                return false;
            if (peek() == ',') {
                m_out.append(',');
                ++m_pos;
                skipSpace();
                continue;
            }
            if (peek() != close)
                return false;
            newline(depth);
            m_out.append(close);
            ++m_pos;
            return true;
        }
    }

    bool string()
    {
        const qsizetype start = m_pos++;
        while (!atEnd()) {
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++m_pos;
                m_out.append(m_in.sliced(start, m_pos - start));
                return true;
            }
            if (c < 0x20)
                return false; // control characters must be escaped
            if (c == '\\') {
                ++m_pos;
                if (atEnd())
                    return false;
                const char e = peek();
                if (e == 'u') {
                    for (int i = 1; i <= 4; ++i) {
                        if (m_pos + i >= m_in.size() || !isHex(m_in.at(m_pos + i)))
                            return false;
                    }
                    m_pos += 4;
                } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
                    return false;
                }
            }
            ++m_pos;
        }
        return false;
    }

    static bool isHex(char c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    bool digits()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool number()
    {
        const qsizetype start = m_pos;
        if (!atEnd() && peek() == '-')
            ++m_pos;
        if (atEnd())
            return false;
        if (peek() == '0')
            ++m_pos; // no leading zeros
        else if (!digits())
            return false;
        if (!atEnd() && peek() == '.') {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (!digits())
                return false;
        }
        m_out.append(m_in.sliced(start, m_pos - start));
        return true;
    }

    bool literal(QByteArrayView word)
    {
        if (!m_in.sliced(m_pos).startsWith(word))
            return false;
        m_out.append(word);
        m_pos += word.size();
        return true;
    }

    QByteArrayView m_in;
    qsizetype m_pos = 0;
    int m_indent;
    int m_maxDepth;
    QByteArray m_out;
};

} // namespace

QByteArray reindentJson(QByteArrayView json, int indent, int maxDepth)
{
    return Reindenter(json, indent, maxDepth).run();
}

} // namespace sse
