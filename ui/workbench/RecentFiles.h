#pragma once

#include <QObject>

class QMenu;

namespace fabrica {

// File → Open Recent: the last schema files opened or saved, kept in the settings, newest first.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 10;

    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);
    void add(const QString &path);
    QStringList files() const;

signals:
    void openRequested(const QString &path);

private:
    void rebuild();

    QMenu *m_menu;
};

} // namespace fabrica
