#include "settingsfile.h"

#include <limits>

#include "types.h"

#include <QCryptographicHash>
#include <QStringDecoder>
#include <QStringList>

namespace sse {

namespace {

const QByteArray SealPrefix = QByteArrayLiteral("; end sha256=");
constexpr char HexDigits[] = "0123456789ABCDEF";

QByteArray sealOf(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

bool isKeyChar(char16_t ch)
{
    return (ch >= u'a' && ch <= u'z') || (ch >= u'A' && ch <= u'Z') || (ch >= u'0' && ch <= u'9')
        || ch == u'_' || ch == u'-' || ch == u'.';
}

// QSettings' key escaping: '/' is written as '\', other characters outside [A-Za-z0-9_.-]
// as %XX or %UXXXX.
QByteArray escapedKey(const QString &key)
{
    QByteArray out;
    for (const QChar qch : key) {
        const char16_t ch = qch.unicode();
        if (ch == u'/') {
            out += '\\';
        } else if (isKeyChar(ch)) {
            out += char(ch);
        } else if (ch <= 0xFF) {
            out += '%';
            out += HexDigits[ch / 16];
            out += HexDigits[ch % 16];
        } else {
            out += "%U";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += HexDigits[(ch >> shift) & 0xF];
        }
    }
    return out;
}

std::optional<QString> unescapedKey(QStringView text)
{
    QString key;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == u'\\') {
            key += u'/';
        } else if (ch == u'%') {
            const bool wide = i + 1 < text.size() && text.at(i + 1) == u'U';
            const qsizetype digits = wide ? 4 : 2;
            const qsizetype start = i + (wide ? 2 : 1);
            if (start + digits > text.size())
                return std::nullopt;
            uint value = 0;
            for (qsizetype d = start; d < start + digits; ++d) {
                const QChar c = text.at(d);
                const int v = c.unicode() < 128 ? hexDigitValue(char(c.unicode())) : -1;
                if (v < 0)
                    return std::nullopt;
                value = value * 16 + uint(v);
            }
            key += QChar(char16_t(value));
            i = start + digits - 1;
        } else if (isKeyChar(ch.unicode()) || ch == u' ') {
            key += ch;
        } else {
            return std::nullopt; // QSettings never writes it: the line is damaged
        }
    }
    if (key.isEmpty())
        return std::nullopt;
    return key;
}

// QSettings' string escaping (iniEscapedString): C escapes, \xHH for control characters, and
// the whole value in quotes when it contains ; , = or starts or ends with a space.
void appendEscaped(const QString &s, QByteArray &out)
{
    const bool binary = s.startsWith(QStringLiteral("@ByteArray("));
    const qsizetype start = out.size();
    bool needsQuotes = false;
    bool escapeNextIfHex = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t ch = s.at(i).unicode();
        if (ch == u';' || ch == u',' || ch == u'=')
            needsQuotes = true;
        if (escapeNextIfHex && ch < 128 && hexDigitValue(char(ch)) >= 0) {
            out += "\\x" + QByteArray::number(uint(ch), 16);
            continue;
        }
        escapeNextIfHex = false;
        switch (ch) {
        case u'\0': out += "\\0"; escapeNextIfHex = true; break;
        case u'\a': out += "\\a"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        case u'\v': out += "\\v"; break;
        case u'"':
        case u'\\':
            out += '\\';
            out += char(ch);
            break;
        default:
            if (ch <= 0x1F || (ch >= 0x7F && binary)) {
                out += "\\x" + QByteArray::number(uint(ch), 16);
                escapeNextIfHex = true;
            } else if (ch < 0x80) {
                out += char(ch);
            } else if (QChar::isHighSurrogate(ch) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
                out += s.mid(i, 2).toUtf8();
                ++i;
            } else {
                out += QString(QChar(ch)).toUtf8();
            }
        }
    }
    if (needsQuotes || (start < out.size() && (out.at(start) == ' ' || out.back() == ' '))) {
        out.insert(start, '"');
        out += '"';
    }
}

QString variantText(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return QStringLiteral("@ByteArray(") + QString::fromLatin1(v.toByteArray()) + u')';
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default: {
        QString s = v.toString();
        if (s.startsWith(u'@'))
            s.prepend(u'@');
        return s;
    }
    }
}

struct Decoded
{
    QStringList elements;
    bool isList = false;
    QString error;
};

// QSettings' unescaping (iniUnescapedStringList), confined to one line: an unbalanced quote
// is an error here instead of swallowing the lines that follow.
Decoded decodeValue(QStringView text)
{
    Decoded d;
    QString current;
    bool inQuotes = false;
    qsizetype keepTo = 0; // current's length up to its last quoted or non-space character
    const auto push = [&] {
        current.truncate(keepTo);
        d.elements.append(current);
        current.clear();
        keepTo = 0;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == u'\\') {
            if (++i >= text.size()) {
                d.error = QStringLiteral("a backslash at the end of the line");
                return d;
            }
            const char16_t e = text.at(i).unicode();
            switch (e) {
            case u'a': current += u'\a'; break;
            case u'b': current += u'\b'; break;
            case u'f': current += u'\f'; break;
            case u'n': current += u'\n'; break;
            case u'r': current += u'\r'; break;
            case u't': current += u'\t'; break;
            case u'v': current += u'\v'; break;
            case u'"': case u'\'': case u'?': case u'\\': current += QChar(e); break;
            case u'x': {
                uint value = 0;
                int digits = 0;
                while (i + 1 < text.size() && text.at(i + 1).unicode() < 128
                       && hexDigitValue(char(text.at(i + 1).unicode())) >= 0 && digits < 4) {
                    value = value * 16 + uint(hexDigitValue(char(text.at(++i).unicode())));
                    ++digits;
                }
                if (digits == 0) {
                    d.error = QStringLiteral("\\x without hex digits");
                    return d;
                }
                current += QChar(char16_t(value));
                break;
            }
            default:
                if (e >= u'0' && e <= u'7') {
                    uint value = e - u'0';
                    while (i + 1 < text.size() && text.at(i + 1) >= u'0' && text.at(i + 1) <= u'7'
                           && value < 0x1000)
                        value = value * 8 + (text.at(++i).unicode() - u'0');
                    current += QChar(char16_t(value));
                } else {
                    d.error = QStringLiteral("an unknown escape \\%1").arg(QChar(e));
                    return d;
                }
            }
            keepTo = current.size();
        } else if (ch == u'"') {
            inQuotes = !inQuotes;
            keepTo = current.size();
        } else if (ch == u',' && !inQuotes) {
            d.isList = true;
            push();
        } else if (!inQuotes && (ch == u' ' || ch == u'\t')) {
            if (!current.isEmpty() || keepTo > 0)
                current += ch; // kept only if something follows
        } else {
            current += ch;
            keepTo = current.size();
        }
    }
    if (inQuotes) {
        d.error = QStringLiteral("an unbalanced quote");
        return d;
    }
    push();
    return d;
}

std::optional<QVariant> valueOf(const QString &s, QString *error)
{
    if (!s.startsWith(u'@'))
        return QVariant(s);
    if (s.startsWith(QStringLiteral("@@")))
        return QVariant(s.mid(1));
    if (s == u"@Invalid()")
        return QVariant();
    if (s.startsWith(QStringLiteral("@ByteArray(")) && s.endsWith(u')')) {
        const QString inner = s.mid(11, s.size() - 12);
        for (const QChar c : inner) {
            if (c.unicode() > 0xFF) {
                *error = QStringLiteral("a byte array with a character above \\xff");
                return std::nullopt;
            }
        }
        return QVariant(inner.toLatin1());
    }
    *error = QStringLiteral("an unsupported value %1").arg(s.left(20));
    return std::nullopt;
}

} // namespace

SettingsFile::Content SettingsFile::parse(const QByteArray &bytes)
{
    Content content;
    QString section; // empty = [General]
    qsizetype pos = 0;
    int lineNumber = 0;
    while (pos < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', pos);
        const bool complete = end >= 0;
        if (!complete)
            end = bytes.size();
        const qsizetype lineStart = pos;
        QByteArrayView raw(bytes.constData() + pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        if (raw.endsWith('\r'))
            raw.chop(1);

        if (raw.startsWith(SealPrefix)) {
            const bool matches = complete && raw.sliced(SealPrefix.size()) == sealOf(QByteArrayView(bytes).first(lineStart));
            const bool trailing = QByteArrayView(bytes).sliced(qMin(pos, bytes.size())).trimmed().size() > 0;
            content.seal = matches && !trailing ? Seal::Intact : Seal::Broken;
            if (trailing)
                content.problems.append({lineNumber + 1, {}, QStringLiteral("bytes after the end line")});
            break;
        }
        const QByteArrayView trimmed = raw.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(';') || trimmed.startsWith('#'))
            continue;

        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString line = decoder(raw);
        if (decoder.hasError()) {
            content.problems.append({lineNumber, {}, QStringLiteral("not valid UTF-8")});
            // Still look for the key, so the problem can name it.
        }
        const QString text = line.trimmed();
        if (text.startsWith(u'[')) {
            if (text.endsWith(u']')) {
                const QString name = text.mid(1, text.size() - 2).trimmed();
                const auto unescaped = unescapedKey(name);
                section = !unescaped || *unescaped == u"General" ? QString() : *unescaped;
                if (!unescaped)
                    content.problems.append({lineNumber, {}, QStringLiteral("an unreadable section")});
            } else {
                content.problems.append({lineNumber, {}, QStringLiteral("an unclosed section")});
            }
            continue;
        }
        const qsizetype eq = text.indexOf(u'=');
        if (eq < 0) {
            content.problems.append({lineNumber, {}, QStringLiteral("no '='")});
            continue;
        }
        const auto keyPart = unescapedKey(QStringView(text).first(eq).trimmed());
        if (!keyPart) {
            content.problems.append({lineNumber, {}, QStringLiteral("an unreadable key")});
            continue;
        }
        const QString key = section.isEmpty() ? *keyPart : section + u'/' + *keyPart;
        if (decoder.hasError()) {
            content.problems.last().key = key;
            continue;
        }
        const Decoded decoded = decodeValue(QStringView(text).sliced(eq + 1).trimmed());
        if (!decoded.error.isEmpty()) {
            content.problems.append({lineNumber, key, decoded.error});
            continue;
        }
        if (decoded.isList) {
            content.values.insert(key, decoded.elements);
            continue;
        }
        QString error;
        const auto value = valueOf(decoded.elements.value(0), &error);
        if (!value) {
            content.problems.append({lineNumber, key, error});
            continue;
        }
        content.values.insert(key, *value);
    }
    return content;
}

QByteArray SettingsFile::encodeLine(const QString &key, const QVariant &value)
{
    QByteArray out = escapedKey(key);
    out += '=';
    if (value.typeId() == QMetaType::QStringList) {
        const QStringList list = value.toStringList();
        if (list.isEmpty())
            out += "@Invalid()";
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                out += ", ";
            appendEscaped(variantText(list.at(i)), out);
        }
    } else {
        appendEscaped(variantText(value), out);
    }
    return out;
}

QByteArray SettingsFile::serialize(const QList<std::pair<QString, QVariant>> &lines)
{
    QByteArray out;
    for (const auto &[key, value] : lines) {
        out += encodeLine(key, value);
        out += '\n';
    }
    out += SealPrefix + sealOf(out) + '\n';
    return out;
}

namespace settingvalue {

std::optional<QString> toString(const QVariant &v)
{
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromUtf8(v.toByteArray());
    return std::nullopt;
}

std::optional<qint64> toInteger(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return v.toLongLong();
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::UShort: {
        const qulonglong u = v.toULongLong();
        if (u > qulonglong(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return qint64(u);
    }
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (d != d || d < -9e15 || d > 9e15 || double(qint64(d)) != d)
            return std::nullopt;
        return qint64(d);
    }
    default:
        break;
    }
    if (const auto s = toString(v)) {
        bool ok = false;
        const qint64 n = s->trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

std::optional<bool> toBool(const QVariant &v)
{
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (const auto s = toString(v)) {
        const QString t = s->trimmed().toLower();
        if (t == u"true" || t == u"1")
            return true;
        if (t == u"false" || t == u"0")
            return false;
        return std::nullopt;
    }
    if (const auto n = toInteger(v); n && (*n == 0 || *n == 1))
        return *n == 1;
    return std::nullopt;
}

} // namespace settingvalue

} // namespace sse
