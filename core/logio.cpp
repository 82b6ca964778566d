#include "logio.h"

#include "parser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QThread>

#include <cmath>

namespace sse {

namespace {

constexpr qsizetype WriteChunkBytes = 1024 * 1024;
constexpr qint64 ReadChunkBytes = 1024 * 1024;
constexpr qint64 ProgressEveryEvents = 4096;
// Imported files are trusted more than a live stream, but still bounded: 1 GiB per event.
constexpr qsizetype MaxImportedEventBytes = qsizetype(1) << 30;

QString nativeName(const QString &fileName)
{
    return QDir::toNativeSeparators(fileName);
}

/** Emits progress at most every 50 ms, and always the final value. */
class Throttle
{
public:
    bool due(bool final)
    {
        if (final || !m_timer.isValid() || m_timer.elapsed() >= 50) {
            m_timer.start();
            return true;
        }
        return false;
    }

private:
    QElapsedTimer m_timer;
};

/** The progress function of a worker thread: progress posted to \a owner's progressChanged()
 *  (throttled), and false, which stops the work, once \a cancel is set. */
template <typename Owner>
ProgressFunction workerProgress(Owner *owner, const std::shared_ptr<std::atomic_bool> &cancel)
{
    return [owner, cancel, throttle = Throttle()](qint64 done, qint64 total) mutable {
        if (throttle.due(done == total)) {
            QMetaObject::invokeMethod(
                owner, [owner, done, total] { Q_EMIT owner->progressChanged(done, total); },
                Qt::QueuedConnection);
        }
        return !cancel->load();
    };
}

/** Fast path for the JSON Lines this program writes: one flat object whose values are
 *  strings or integers. Anything else, including every malformed line, returns false and is
 *  left to parseJsonLine(), which accepts any valid JSON and explains errors; so both paths
 *  give the same events. About 3x faster than going through QJsonDocument. */
class FastJsonLine
{
public:
    explicit FastJsonLine(QByteArrayView line)
        : m_p(line.data()), m_end(line.data() + line.size())
    {
    }

    bool parse(Event &event)
    {
        enum : unsigned { Type = 1, Data = 2, LastId = 4, Id = 8, At = 16, Stream = 32 };
        unsigned seen = 0;
        QByteArray id;
        skipSpace();
        if (!consume('{'))
            return false;
        skipSpace();
        if (consume('}'))
            return false; // no "data": let the full parser report it
        for (;;) {
            QByteArrayView key;
            if (!rawKey(key))
                return false;
            skipSpace();
            if (!consume(':'))
                return false;
            skipSpace();
            unsigned bit = 0;
            QByteArray *target = nullptr;
            if (key == QByteArrayView("data")) {
                bit = Data;
                target = &event.data;
            } else if (key == QByteArrayView("type")) {
                bit = Type;
                target = &event.type;
            } else if (key == QByteArrayView("lastEventId")) {
                bit = LastId;
                target = &event.lastEventId;
            } else if (key == QByteArrayView("id")) {
                bit = Id;
                target = &id;
            } else if (key == QByteArrayView("receivedAt")) {
                bit = At;
            } else if (key == QByteArrayView("stream")) {
                bit = Stream;
            }
            if (bit & seen)
                return false; // duplicate keys: as QJsonDocument decides
            seen |= bit;
            if (m_p < m_end && *m_p == '"') {
                QByteArray value;
                if (!string(value))
                    return false;
                if (bit == At) {
                    const std::optional<qint64> ms = parseIsoTimestamp(value);
                    if (!ms)
                        return false;
                    event.receivedAtMs = *ms;
                } else if (bit == Stream) {
                    return false;
                } else if (target) {
                    *target = std::move(value);
                }
            } else {
                qint64 number = 0;
                if (!integer(number) || target)
                    return false;
                if (bit == At)
                    event.receivedAtMs = number;
            }
            skipSpace();
            if (consume('}'))
                break;
            if (!consume(','))
                return false;
            skipSpace();
        }
        skipSpace();
        if (m_p != m_end || !(seen & Data))
            return false;
        if (!(seen & Type))
            event.type = QByteArrayLiteral("message");
        event.hasId = seen & Id;
        if (event.hasId && (!(seen & LastId) || event.lastEventId == id))
            event.lastEventId = id; // shares one buffer when they are equal
        return true;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n'))
            ++m_p;
    }
    bool consume(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    // A key made of plain ASCII (no escapes), which every key this program writes is.
    bool rawKey(QByteArrayView &key)
    {
        if (!consume('"'))
            return false;
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"') {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        key = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    bool integer(qint64 &value)
    {
        const bool negative = consume('-');
        const char *start = m_p;
        quint64 v = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            v = v * 10 + quint64(*m_p - '0');
            ++m_p;
        }
        const qsizetype digits = m_p - start;
        if (digits == 0 || digits > 16 || (digits > 1 && *start == '0'))
            return false;
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
            return false; // not an integer: the full parser decides
        value = negative ? -qint64(v) : qint64(v);
        return true;
    }
    bool hex4(char32_t &unit)
    {
        if (m_end - m_p < 4)
            return false;
        unit = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexDigitValue(m_p[i]);
            if (h < 0)
                return false;
            unit = unit * 16 + char32_t(h);
        }
        m_p += 4;
        return true;
    }
    static void appendUtf8(QByteArray &out, char32_t cp)
    {
        if (cp < 0x80) {
            out.append(char(cp));
        } else if (cp < 0x800) {
            out.append(char(0xC0 | (cp >> 6)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.append(char(0xE0 | (cp >> 12)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else {
            out.append(char(0xF0 | (cp >> 18)));
            out.append(char(0x80 | ((cp >> 12) & 0x3F)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        }
    }
    // Length of the valid UTF-8 sequence at m_p (a lead byte >= 0x80), 0 if invalid.
    int utf8Sequence() const
    {
        const auto *u = reinterpret_cast<const unsigned char *>(m_p);
        const qsizetype left = m_end - m_p;
        const auto cont = [&](int i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
            return i < left && u[i] >= lo && u[i] <= hi;
        };
        const unsigned char c = u[0];
        if (c >= 0xC2 && c <= 0xDF)
            return cont(1) ? 2 : 0;
        if (c == 0xE0)
            return cont(1, 0xA0) && cont(2) ? 3 : 0;
        if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            return cont(1) && cont(2) ? 3 : 0;
        if (c == 0xED)
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
        if (c == 0xF0)
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
        if (c >= 0xF1 && c <= 0xF3)
            return cont(1) && cont(2) && cont(3) ? 4 : 0;
        if (c == 0xF4)
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
        return 0;
    }
    bool string(QByteArray &out)
    {
        ++m_p; // the opening quote
        const char *run = m_p;
        for (;;) {
            if (m_p >= m_end)
                return false;
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out.append(run, m_p - run);
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c >= 0x80) {
                const int n = utf8Sequence();
                if (n == 0)
                    return false;
                m_p += n;
                continue;
            }
            if (c != '\\') {
                ++m_p;
                continue;
            }
            out.append(run, m_p - run);
            if (++m_p >= m_end)
                return false;
            const char e = *m_p++;
            switch (e) {
            case '"': out.append('"'); break;
            case '\\': out.append('\\'); break;
            case '/': out.append('/'); break;
            case 'b': out.append('\b'); break;
            case 'f': out.append('\f'); break;
            case 'n': out.append('\n'); break;
            case 'r': out.append('\r'); break;
            case 't': out.append('\t'); break;
            case 'u': {
                char32_t unit;
                if (!hex4(unit))
                    return false;
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    char32_t low;
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        return false; // a lone surrogate: the full parser decides
                    m_p += 2;
                    if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
                        return false;
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    return false;
                }
                appendUtf8(out, unit);
                break;
            }
            default:
                return false;
            }
            run = m_p;
        }
    }

    const char *m_p;
    const char *const m_end;
};

bool parseJsonLine(QByteArrayView line, Event &event, QString &error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(line.data(), line.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = QCoreApplication::translate("sse::LogIo", "invalid JSON: %1 at column %2")
                    .arg(parseError.errorString())
                    .arg(parseError.offset + 1);
        return false;
    }
    if (!doc.isObject()) {
        error = QCoreApplication::translate("sse::LogIo", "not a JSON object");
        return false;
    }
    const QJsonObject object = doc.object();
    const auto stringField = [&](QLatin1String key, QByteArray &out, bool &present) {
        const auto it = object.constFind(key);
        present = it != object.constEnd();
        if (!present)
            return true;
        if (!it->isString()) {
            error = QCoreApplication::translate("sse::LogIo", "\"%1\" is not a string")
                        .arg(key);
            return false;
        }
        out = it->toString().toUtf8();
        return true;
    };
    bool present = false;
    if (!stringField(QLatin1String("data"), event.data, present))
        return false;
    if (!present) {
        error = QCoreApplication::translate("sse::LogIo", "no \"data\"");
        return false;
    }
    if (!stringField(QLatin1String("type"), event.type, present))
        return false;
    if (!present)
        event.type = QByteArrayLiteral("message");
    bool hasLastEventId = false;
    if (!stringField(QLatin1String("lastEventId"), event.lastEventId, hasLastEventId))
        return false;
    QByteArray id;
    if (!stringField(QLatin1String("id"), id, event.hasId))
        return false;
    if (event.hasId && (!hasLastEventId || event.lastEventId == id))
        event.lastEventId = id; // shares one buffer when they are equal

    const auto at = object.constFind(QLatin1String("receivedAt"));
    if (at != object.constEnd()) {
        std::optional<qint64> ms;
        if (at->isString()) {
            ms = parseIsoTimestamp(at->toString().toLatin1());
        } else if (at->isDouble()) {
            const double v = at->toDouble();
            if (std::isfinite(v) && std::abs(v) < 9e15)
                ms = qint64(v);
        }
        if (!ms) {
            error = QCoreApplication::translate("sse::LogIo", "\"receivedAt\" is not a valid time");
            return false;
        }
        event.receivedAtMs = *ms;
    }
    return true;
}

/** Reads JSON Lines in blocks, line by line (LF or CRLF). */
void importJsonLines(QFile &file, ImportResult &result, const ProgressFunction &progress)
{
    const qint64 total = file.size();
    qint64 done = 0;
    qint64 lineNumber = 0;
    QByteArray carry; // a line cut by the end of a block
    QByteArray block;
    QByteArray lastType;
    const auto processLine = [&](QByteArrayView line) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            return;
        Event event;
        QString error;
        if (FastJsonLine(line).parse(event) || parseJsonLine(line, (event = Event()), error)) {
            // Repeated types share one buffer, as they do in a live log.
            if (event.type == lastType)
                event.type = lastType;
            else
                lastType = event.type;
            result.events.append(std::move(event));
        } else if (!line.startsWith("{\"marker\":")) { // a connection marker: not an event
            result.issues.append({lineNumber, error});
        }
    };
    for (;;) {
        block = file.read(ReadChunkBytes);
        if (block.isEmpty())
            break;
        done += block.size();
        qsizetype from = 0;
        for (;;) {
            const qsizetype lf = block.indexOf('\n', from);
            if (lf < 0)
                break;
            if (!carry.isEmpty()) {
                carry.append(QByteArrayView(block).sliced(from, lf - from));
                processLine(carry);
                carry.clear();
            } else {
                processLine(QByteArrayView(block).sliced(from, lf - from));
            }
            from = lf + 1;
        }
        carry.append(QByteArrayView(block).sliced(from));
        if (progress && !progress(done, total)) {
            result.canceled = true;
            return;
        }
    }
    if (!carry.isEmpty())
        processLine(carry);
}

void importEventStream(QFile &file, ImportResult &result, const ProgressFunction &progress)
{
    const qint64 total = file.size();
    qint64 done = 0;
    Parser parser(MaxImportedEventBytes);
    ParseResult parsed;
    for (;;) {
        const QByteArray block = file.read(ReadChunkBytes);
        if (block.isEmpty())
            break;
        done += block.size();
        parser.feed(block, parsed);
        result.events.append(std::move(parsed.events));
        for (const Error &error : std::as_const(parsed.errors))
            result.issues.append({0, error.message});
        parsed.clear();
        if (progress && !progress(done, total)) {
            result.canceled = true;
            return;
        }
    }
    // An unterminated last block is discarded, as at the end of a response.
    parser.reset();
}

} // namespace

/** A connection marker as a JSON Lines record, told apart from events by its "marker" key:
 *  {"marker":"dropped","text":"…","at":"…Z","beforeSequence":42}. Imports skip these lines. */
static void appendMarkerLine(QByteArray &out, const LogMarker &marker)
{
    out.append(QByteArrayView("{\"marker\":"));
    appendJsonString(out, LogMarker::kindName(marker.kind));
    out.append(QByteArrayView(",\"text\":"));
    appendJsonString(out, marker.text.toUtf8());
    out.append(QByteArrayView(",\"at\":\""));
    appendIsoTimestamp(out, marker.atMs);
    out.append(QByteArrayView("\",\"beforeSequence\":"));
    out.append(QByteArray::number(marker.beforeSequence));
    out.append(QByteArrayView("}\n"));
}

ExportResult exportEvents(const QString &fileName, LogFormat format, const EventSnapshot &events,
                          const ProgressFunction &progress)
{
    ExportResult result;
    const qint64 total = events.size();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        result.errorString = QCoreApplication::translate("sse::LogIo", "Cannot write %1: %2")
                                 .arg(nativeName(fileName), file.errorString());
        return result;
    }
    const auto cancel = [&] {
        file.cancelWriting();
        result.canceled = true;
        result.errorString = QCoreApplication::translate("sse::LogIo", "Export canceled.");
        return result;
    };
    const auto fail = [&] {
        result.errorString = QCoreApplication::translate("sse::LogIo", "Cannot write %1: %2")
                                 .arg(nativeName(fileName), file.errorString());
        file.cancelWriting();
        return result;
    };
    QByteArray buffer;
    buffer.reserve(WriteChunkBytes + 64 * 1024);
    const auto writeBuffer = [&] {
        if (buffer.isEmpty())
            return true;
        if (file.write(buffer) != buffer.size())
            return false;
        result.bytes += buffer.size();
        buffer.resize(0);
        return true;
    };

    if (progress && !progress(0, total))
        return cancel();
    if (format == LogFormat::Csv)
        buffer.append(csvHeader());
    EventStreamWriter streamWriter;
    // Markers the snapshot carries go between the events, in JSON Lines only.
    const QList<LogMarker> markers = format == LogFormat::JsonLines ? events.markers() : QList<LogMarker>();
    qsizetype nextMarker = 0;
    for (qint64 i = 0; i < total; ++i) {
        while (nextMarker < markers.size() && markers.at(nextMarker).beforeSequence <= events.sequence(i))
            appendMarkerLine(buffer, markers.at(nextMarker++));
        const Event event = events.event(i);
        switch (format) {
        case LogFormat::JsonLines: appendJsonLine(buffer, event); break;
        case LogFormat::Csv: appendCsvRow(buffer, event, events.sequence(i)); break;
        case LogFormat::EventStream: streamWriter.append(buffer, event); break;
        }
        if (buffer.size() >= WriteChunkBytes && !writeBuffer())
            return fail();
        if ((i + 1) % ProgressEveryEvents == 0 && progress && !progress(i + 1, total))
            return cancel();
    }
    while (nextMarker < markers.size())
        appendMarkerLine(buffer, markers.at(nextMarker++));
    if (!writeBuffer())
        return fail();
    if (progress && !progress(total, total))
        return cancel();
    if (!file.commit()) {
        result.errorString = QCoreApplication::translate("sse::LogIo", "Cannot save %1: %2")
                                 .arg(nativeName(fileName), file.errorString());
        return result;
    }
    result.events = total;
    result.ok = true;
    return result;
}

QString ImportResult::issuesText(int maxIssues) const
{
    QStringList lines;
    for (const ImportIssue &issue : issues) {
        if (lines.size() >= maxIssues)
            break;
        lines.append(issue.line > 0
                         ? QCoreApplication::translate("sse::LogIo", "line %1: %2")
                               .arg(issue.line)
                               .arg(issue.message)
                         : issue.message);
    }
    if (issues.size() > maxIssues) {
        lines.append(QCoreApplication::translate("sse::LogIo", "… and %n more", nullptr,
                                                 int(issues.size() - maxIssues)));
    }
    return lines.join(QLatin1Char('\n'));
}

std::optional<LogFormat> detectImportFormat(const QString &fileName)
{
    if (const auto bySuffix = logFormatFromFileName(fileName)) {
        if (*bySuffix == LogFormat::Csv)
            return std::nullopt;
        return bySuffix;
    }
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return LogFormat::EventStream; // importEvents() reports why it cannot be read
    QByteArray head = file.read(4096);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    const QByteArray trimmed = head.trimmed();
    return trimmed.startsWith('{') ? LogFormat::JsonLines : LogFormat::EventStream;
}

ImportResult importEvents(const QString &fileName, std::optional<LogFormat> format,
                          const ProgressFunction &progress)
{
    ImportResult result;
    const QFileInfo info(fileName);
    if (!info.exists()) {
        result.errorString = QCoreApplication::translate("sse::LogIo", "%1 does not exist.")
                                 .arg(nativeName(fileName));
        return result;
    }
    if (info.isDir()) {
        result.errorString = QCoreApplication::translate("sse::LogIo", "%1 is a folder, not a file.")
                                 .arg(nativeName(fileName));
        return result;
    }
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errorString = QCoreApplication::translate("sse::LogIo", "Cannot read %1: %2")
                                 .arg(nativeName(fileName), file.errorString());
        return result;
    }
    LogFormat chosen = LogFormat::Csv; // CSV: cannot be imported
    if (format) {
        chosen = *format;
    } else if (const auto detected = detectImportFormat(fileName)) {
        chosen = *detected;
    }
    if (chosen == LogFormat::Csv) {
        result.errorString = QCoreApplication::translate(
            "sse::LogIo", "Cannot import %1: only text/event-stream (.sse) and JSON Lines "
                          "(.jsonl) files can be imported.").arg(nativeName(fileName));
        return result;
    }
    result.format = chosen;
    if (progress && !progress(0, file.size())) {
        result.canceled = true;
    } else if (chosen == LogFormat::JsonLines) {
        importJsonLines(file, result, progress);
    } else {
        importEventStream(file, result, progress);
    }
    if (result.canceled) {
        result.events.clear();
        result.errorString = QCoreApplication::translate("sse::LogIo", "Import canceled.");
        return result;
    }
    if (file.error() != QFileDevice::NoError) {
        result.events.clear();
        result.errorString = QCoreApplication::translate("sse::LogIo", "Cannot read %1: %2")
                                 .arg(nativeName(fileName), file.errorString());
    }
    return result;
}

// ---------------------------------------------------------------------------------------------

namespace {

// What LogExporter and LogImporter share: one job at a time on a worker thread, a cancel flag
// the job's progress function checks, and the result handed over on the owner's thread.

/** Starts \a work(progress) on a worker thread owned by \a owner, unless one runs; the
 *  result goes to \a pending, and \a done runs on the owner's thread once the thread ends. */
template <typename Owner, typename Result, typename Work, typename Done>
bool startWorker(Owner *owner, QThread *&thread, std::shared_ptr<std::atomic_bool> &cancel,
                 std::shared_ptr<Result> &pending, Work work, Done done)
{
    if (thread)
        return false;
    cancel = std::make_shared<std::atomic_bool>(false);
    auto out = std::make_shared<Result>();
    pending = out;
    thread = QThread::create([out, work = std::move(work), progress = workerProgress(owner, cancel)] {
        *out = work(progress);
    });
    thread->setParent(owner);
    QObject::connect(thread, &QThread::finished, owner, std::move(done));
    thread->start();
    return true;
}

/** Cancels a running job and waits for its thread (the owner is being destroyed). */
void stopWorker(QThread *thread, const std::shared_ptr<std::atomic_bool> &cancel)
{
    if (thread) {
        cancel->store(true);
        thread->wait();
    }
}

/** The job's thread ended: its result becomes \a result. */
template <typename Result>
void takeWorkerResult(QThread *&thread, std::shared_ptr<Result> &pending, Result &result)
{
    result = std::move(*pending);
    pending.reset();
    thread->deleteLater();
    thread = nullptr;
}

} // namespace

LogExporter::LogExporter(QObject *parent)
    : QObject(parent)
{
}

LogExporter::~LogExporter()
{
    stopWorker(m_thread, m_cancel);
}

bool LogExporter::start(const QString &fileName, sse::LogFormat format,
                        const sse::EventSnapshot &events)
{
    return startWorker(
        this, m_thread, m_cancel, m_pending,
        [fileName, format, events](const ProgressFunction &progress) {
            return exportEvents(fileName, format, events, progress);
        },
        [this] { onThreadFinished(); });
}

void LogExporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void LogExporter::onThreadFinished()
{
    takeWorkerResult(m_thread, m_pending, m_result);
    Q_EMIT finished(m_result.ok, m_result.errorString);
}

LogImporter::LogImporter(QObject *parent)
    : QObject(parent)
{
}

LogImporter::~LogImporter()
{
    stopWorker(m_thread, m_cancel);
}

bool LogImporter::start(const QString &fileName, std::optional<sse::LogFormat> format)
{
    return startWorker(
        this, m_thread, m_cancel, m_pending,
        [fileName, format](const ProgressFunction &progress) {
            return importEvents(fileName, format, progress);
        },
        [this] { onThreadFinished(); });
}

void LogImporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void LogImporter::onThreadFinished()
{
    takeWorkerResult(m_thread, m_pending, m_result);
    Q_EMIT finished(m_result.ok(), m_result.errorString);
}

} // namespace sse
