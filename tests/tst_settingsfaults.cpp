// Fault injection over a real settings file (ten streams and the preferences, written by
// sse::SettingsStore): truncation at many offsets, flipped bits, an unbalanced quote and a value
// of the wrong type in each kind of value, and a writer killed (SIGKILL) in the middle of its
// saves. For every damaged file:
//  - every stream whose lines are intact in the bytes comes back exactly as written;
//  - a stream that did not come back exactly is named in the notices;
//  - the damaged bytes are kept aside, identical, and the first notice gives their path.

#include "settingsfile.h"
#include "settingsfixture.h"
#include "settingsstore.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using sse::SettingsStore;
using sse::StoredStream;
using namespace settingsfixture;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/** Byte range of each stream's lines (streams\N\...) in a file written by the store. */
struct Layout
{
    QHash<int, std::pair<qsizetype, qsizetype>> streams; ///< N -> [begin, end)
};

Layout layoutOf(const QByteArray &bytes)
{
    Layout layout;
    static const QRegularExpression re(QStringLiteral("^streams\\\\(\\d+)\\\\"));
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', pos);
        end = end < 0 ? bytes.size() : end + 1;
        const auto m = re.match(QString::fromUtf8(bytes.mid(pos, qMin<qsizetype>(end - pos, 40))));
        if (m.hasMatch()) {
            const int n = m.captured(1).toInt();
            auto it = layout.streams.find(n);
            if (it == layout.streams.end())
                layout.streams.insert(n, {pos, end});
            else
                it->second = end;
        }
        pos = end;
    }
    return layout;
}

/** The stream number a (possibly damaged) line claims to belong to, or 0. */
int claimedStream(const QByteArray &bytes, qsizetype offset)
{
    const qsizetype begin = bytes.lastIndexOf('\n', offset - 1) + 1;
    static const QRegularExpression re(QStringLiteral("^streams\\\\(\\d+)\\\\"));
    const auto m = re.match(QString::fromLatin1(bytes.mid(begin, 40)));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

bool sameStream(const StoredStream &a, const StoredStream &b)
{
    return a.id == b.id && a.config == b.config && a.uiState == b.uiState && a.alertRules == b.alertRules
        && a.wasConnected == b.wasConnected;
}

/** Whether the notices name stream \a n (by its number in the file). */
bool named(const QStringList &notices, int n)
{
    const QString number = QString::number(n);
    for (const QString &notice : notices) {
        if (notice.startsWith(QStringLiteral("Stream %1 ").arg(number))
            || notice.startsWith(QStringLiteral("Stream %1:").arg(number))
            || notice.contains(QStringLiteral("(streams/%1/").arg(number)))
            return true;
        if (notice.contains(QStringLiteral("these are missing"))) {
            const QString list = notice.section(u':', -1);
            static const QRegularExpression digits(QStringLiteral("\\d+"));
            for (auto it = digits.globalMatch(list); it.hasNext();)
                if (it.next().captured() == number)
                    return true;
        }
    }
    return false;
}

} // namespace

class tst_SettingsFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void damage_data();
    void damage();
    void killDuringWrite();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_original;
    Layout m_layout;
    int m_counter = 0;
};

void tst_SettingsFaults::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(QStringLiteral("original.conf"));
    SettingsStore store(path);
    QVERIFY(store.save(fixtureStreams(), fixturePreferences()));
    m_original = readAll(path);
    m_layout = layoutOf(m_original);
    QCOMPARE(m_layout.streams.size(), StreamCount);
    const auto loaded = SettingsStore(path).load();
    QVERIFY2(loaded.notices.isEmpty(), qPrintable(loaded.notices.join(u'\n')));
    QCOMPARE(loaded.streams.size(), StreamCount);
    for (int n = 1; n <= StreamCount; ++n)
        QVERIFY(sameStream(loaded.streams.at(n - 1), fixtureStream(n)));
}

void tst_SettingsFaults::damage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("touched"); // streams whose lines the damage reaches

    const QByteArray &b = m_original;
    const auto touchedBy = [this](qsizetype from, qsizetype to) { // bytes [from, to) changed
        QList<int> touched;
        for (auto it = m_layout.streams.cbegin(); it != m_layout.streams.cend(); ++it)
            if (it->first < to && from < it->second)
                touched.append(it.key());
        return touched;
    };

    // Truncation: every 97th offset, and the ends of lines around each stream's start.
    QList<qsizetype> cuts;
    for (qsizetype at = 1; at < b.size(); at += 97)
        cuts.append(at);
    for (auto it = m_layout.streams.cbegin(); it != m_layout.streams.cend(); ++it)
        cuts << it->first << it->first + 1 << it->second - 1;
    cuts << b.size() - 1 << b.lastIndexOf("; end");
    for (const qsizetype at : std::as_const(cuts))
        QTest::addRow("cut at %lld", qlonglong(at)) << b.left(at) << touchedBy(at, b.size());

    // One flipped bit at 150 random places (fixed seed: the same places every run).
    QRandomGenerator rng(20261207);
    for (int i = 0; i < 150; ++i) {
        const qsizetype at = rng.bounded(int(b.size()));
        const int bit = rng.bounded(8);
        QByteArray d = b;
        d[at] = char(d.at(at) ^ (1 << bit));
        QList<int> touched = touchedBy(at, at + 1);
        // A damaged line that now claims to belong to another stream reaches that one too.
        if (const int claimed = claimedStream(d, at); claimed > 0 && !touched.contains(claimed))
            touched.append(claimed);
        QTest::addRow("bit %d of byte %lld", bit, qlonglong(at)) << d << touched;
    }

    // An unbalanced quote, and a value of the wrong type (a list), in each kind of value of
    // stream 4.
    const auto [begin, end] = m_layout.streams.value(4);
    qsizetype pos = begin;
    while (pos < end) {
        const qsizetype lineEnd = b.indexOf('\n', pos);
        const QByteArray line = b.mid(pos, lineEnd - pos);
        const qsizetype eq = line.indexOf('=');
        const QByteArray key = line.left(eq);
        QByteArray quoted = b;
        quoted.insert(pos + eq + 1, '"');
        QTest::addRow("quote in %s", key.constData()) << quoted << QList<int>{4};
        QByteArray wrongType = b;
        wrongType.replace(pos + eq + 1, line.size() - eq - 1, "one, two");
        QTest::addRow("list in %s", key.constData()) << wrongType << QList<int>{4};
        pos = lineEnd + 1;
    }
}

void tst_SettingsFaults::damage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, touched);

    const QString path = m_dir->filePath(QStringLiteral("damaged-%1.conf").arg(++m_counter));
    QVERIFY(writeAll(path, bytes));
    SettingsStore store(path);
    const SettingsStore::LoadResult r = store.load();
    const QString all = r.notices.join(u'\n');

    // The damaged bytes are kept aside, identical, and the message says where.
    QVERIFY2(!r.damagedCopy.isEmpty(), qPrintable(all));
    QCOMPARE(readAll(r.damagedCopy), bytes);
    QVERIFY2(!r.notices.isEmpty() && r.notices.first().contains(r.damagedCopy), qPrintable(all));

    // Only when the file is cut before the number of streams (line 2, the first 40 bytes)
    // can it not say which streams it had; then it says where it ends.
    const bool sizeLost = !bytes.contains("streams\\size=10\n");
    if (sizeLost)
        QVERIFY2(all.contains(QStringLiteral("ends early")) || all.contains(QStringLiteral("nothing usable")),
                 qPrintable(all));
    for (int n = 1; n <= StreamCount; ++n) {
        const StoredStream expected = fixtureStream(n);
        const auto found = std::find_if(r.streams.cbegin(), r.streams.cend(), [&](const StoredStream &s) {
            return s.config.request.url == expected.config.request.url;
        });
        const bool exact = found != r.streams.cend() && sameStream(*found, expected);
        if (!touched.contains(n))
            QVERIFY2(exact, qPrintable(QStringLiteral("stream %1 was intact but did not survive:\n").arg(n) + all));
        else if (!exact && !sizeLost)
            QVERIFY2(named(r.notices, n), qPrintable(QStringLiteral("stream %1 changed unnamed:\n").arg(n) + all));
    }

    // Saving writes the repaired state; the copy stays, and the next load is exact. (It may
    // still ask for secrets: a header whose secret flag was damaged is masked to be safe.)
    QVERIFY(store.save(r.streams, r.preferences));
    QCOMPARE(readAll(r.damagedCopy), bytes);
    const auto again = SettingsStore(path).load();
    QVERIFY2(again.damagedCopy.isEmpty(), qPrintable(again.notices.join(u'\n')));
    QCOMPARE(again.streams.size(), r.streams.size());
}

void tst_SettingsFaults::killDuringWrite()
{
    // A writer saving without pause (two different states, alternately) is killed at 20
    // moments; each time the file holds one state or the other, whole.
    const QString writer = qEnvironmentVariable("SSE_BUILD_DIR") + QStringLiteral("/tests/settings_writer");
    QVERIFY2(QFileInfo::exists(writer), qPrintable(writer));
    const QString path = m_dir->filePath(QStringLiteral("killed.conf"));
    QRandomGenerator rng(7);
    int sawFirst = 0, sawSecond = 0;
    for (int round = 0; round < 20; ++round) {
        QProcess p;
        p.start(writer, {path});
        QVERIFY(p.waitForStarted());
        const int saves = 1 + rng.bounded(40);
        QByteArray out;
        while (out.count('\n') < saves) {
            QVERIFY2(p.waitForReadyRead(10000), "the writer stopped saving");
            out += p.readAllStandardOutput();
        }
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));

        const auto r = SettingsStore(path).load();
        QVERIFY2(r.notices.isEmpty(), qPrintable(r.notices.join(u'\n')));
        QVERIFY(r.damagedCopy.isEmpty());
        QVERIFY(r.streams.size() == StreamCount || r.streams.size() == StreamCount - 1);
        (r.streams.size() == StreamCount ? sawFirst : sawSecond)++;
        for (qsizetype i = 0; i < r.streams.size(); ++i)
            QVERIFY(sameStream(r.streams.at(i), fixtureStream(int(i) + 1)));
    }
    qInfo("killed 20 times while saving: %d times with 10 streams, %d with 9; never damaged",
          sawFirst, sawSecond);
}

QTEST_GUILESS_MAIN(tst_SettingsFaults)
#include "tst_settingsfaults.moc"
