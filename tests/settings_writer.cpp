// Helper of tst_settingsfaults: saves two settings states alternately without pause (ten
// streams, then the first nine) and prints a line after each save, until it is killed.

#include "settingsfixture.h"
#include "settingsstore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: settings_writer FILE\n");
        return 2;
    }
    sse::SettingsStore store(QString::fromLocal8Bit(argv[1]));
    const QList<sse::StoredStream> all = settingsfixture::fixtureStreams();
    const sse::AppPreferences preferences = settingsfixture::fixturePreferences();
    sse::AppPreferences fewer = preferences;
    fewer.openTabs.removeLast();
    for (qint64 i = 0;; ++i) {
        const bool first = i % 2 == 0;
        if (!store.save(first ? all : all.mid(0, all.size() - 1), first ? preferences : fewer))
            return 1;
        std::printf("saved %lld\n", qlonglong(i));
        std::fflush(stdout);
    }
}
