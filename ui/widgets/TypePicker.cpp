#include "TypePicker.h"

#include "Icons.h"
#include "types/TypeRegistry.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScreen>
#include <QStandardItemModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <climits>

using namespace Qt::StringLiterals;

namespace fabrica {

namespace {

enum Role {
    IdRole = Qt::UserRole + 1, // the type id of an entry; empty on category rows
    SearchRole,                // lower-case text that typing is matched against
};

constexpr int kPageStep = 10;
constexpr int kPopupMaxHeight = 360;
constexpr int kPopupMaxWidth = 560;
constexpr int kExampleWidth = 230;
constexpr int kMinimumRows = 4;

bool isEntry(const QModelIndex &index)
{
    return index.isValid() && !index.siblingAtColumn(0).data(IdRole).toString().isEmpty();
}

} // namespace

TypePicker::TypePicker(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_popup(new QFrame(this, Qt::Popup))
    , m_view(new QTreeView(m_popup))
    , m_model(new QStandardItemModel(0, 2, this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    m_edit->setObjectName(u"typeSearch"_s);
    m_edit->setPlaceholderText(tr("Type to search…"));
    m_edit->setClearButtonEnabled(false);
    QIcon arrow = Icons::get(u"expand"_s);
    if (arrow.isNull())
        arrow = style()->standardIcon(QStyle::SP_ArrowDown);
    QAction *toggle = m_edit->addAction(arrow, QLineEdit::TrailingPosition);
    toggle->setToolTip(tr("Show all types"));
    connect(toggle, &QAction::triggered, this, [this] { isPopupVisible() ? cancel() : showPopup(); });
    connect(m_edit, &QLineEdit::textEdited, this, &TypePicker::onTextEdited);
    m_edit->installEventFilter(this);
    setFocusProxy(m_edit);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_popup->setObjectName(u"typePickerPopup"_s);
    m_popup->setFrameShape(QFrame::StyledPanel);
    auto *popupLayout = new QVBoxLayout(m_popup);
    popupLayout->setContentsMargins(1, 1, 1, 1);
    popupLayout->addWidget(m_view);
    m_popup->installEventFilter(this);

    populate();
    m_view->setObjectName(u"typeList"_s);
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);
    m_view->setIndentation(fontMetrics().averageCharWidth() * 2);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->installEventFilter(this);
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_view->setFirstColumnSpanned(row, {}, true);
    m_view->expandAll();
    int idWidth = 0;
    for (const DataType &type : TypeRegistry::instance().types())
        idWidth = std::max(idWidth, fontMetrics().horizontalAdvance(type.id));
    m_view->header()->resizeSection(0,
                                    idWidth + m_view->indentation() + 4 * fontMetrics().averageCharWidth());
    m_view->header()->setStretchLastSection(true);
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (isEntry(index))
            choose(index);
    });
}

QString TypePicker::categoryTitle(const QString &category)
{
    static const QHash<QString, const char *> titles = {
        {u"number"_s, QT_TR_NOOP("Numbers")},
        {u"text"_s, QT_TR_NOOP("Text")},
        {u"logic"_s, QT_TR_NOOP("Logic")},
        {u"datetime"_s, QT_TR_NOOP("Date and time")},
        {u"identifier"_s, QT_TR_NOOP("Identifiers")},
        {u"person"_s, QT_TR_NOOP("Person")},
        {u"address"_s, QT_TR_NOOP("Address")},
        {u"company"_s, QT_TR_NOOP("Company")},
        {u"internet"_s, QT_TR_NOOP("Internet")},
        {u"finance"_s, QT_TR_NOOP("Finance")},
        {u"structure"_s, QT_TR_NOOP("Structure")},
    };
    if (const char *title = titles.value(category))
        return tr(title);
    // A category added to the registry later still reads well until it gets its own title.
    QString title = category;
    title.replace(u'_', u' ');
    if (!title.isEmpty())
        title[0] = title.at(0).toUpper();
    return title;
}

void TypePicker::populate()
{
    const TypeRegistry &registry = TypeRegistry::instance();
    QFont bold = font();
    bold.setBold(true);
    const QBrush grey = palette().brush(QPalette::PlaceholderText);
    for (const QString &category : registry.categories()) {
        auto *header = new QStandardItem(categoryTitle(category));
        header->setFlags(Qt::ItemIsEnabled); // a heading, not a choice
        header->setFont(bold);
        auto *headerRest = new QStandardItem;
        headerRest->setFlags(Qt::ItemIsEnabled);
        for (const DataType &type : registry.types()) {
            if (type.category != category)
                continue;
            auto *id = new QStandardItem(type.id);
            id->setData(type.id, IdRole);
            QString search = type.id + u' ' + QString(type.id).replace(u'_', u' ') + u' ' + type.category +
                             u' ' + categoryTitle(type.category) + u' ' + type.description;
            id->setData(search.toLower(), SearchRole);
            id->setToolTip(type.description);
            id->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            auto *example = new QStandardItem(type.example);
            example->setToolTip(type.description);
            example->setForeground(grey);
            example->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            header->appendRow({id, example});
        }
        m_model->appendRow({header, headerRest});
    }
    // Shown instead of an empty list, so typing something unknown says so.
    auto *none = new QStandardItem(tr("No type matches"));
    none->setFlags(Qt::NoItemFlags);
    m_model->appendRow({none, new QStandardItem});
}

void TypePicker::setTypeId(const QString &id)
{
    m_typeId = id;
    m_edit->setText(id);
    m_edit->selectAll();
    const DataType *type = TypeRegistry::instance().find(id);
    setToolTip(type ? type->description : QString());
}

bool TypePicker::isPopupVisible() const
{
    return m_popup->isVisible();
}

void TypePicker::showPopup()
{
    // Opened by hand, the list shows everything around the current type; opened by typing, the matches.
    applyFilter(m_edit->text() == m_typeId ? QString() : m_edit->text());
    placePopup();
    m_popup->show();
    m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
}

void TypePicker::hidePopup()
{
    m_popup->hide();
}

void TypePicker::placePopup()
{
    // As tall as the rows shown need (a few at least), up to a maximum.
    int rows = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_view->isRowHidden(row, {}))
            continue;
        ++rows;
        const QModelIndex category = m_model->index(row, 0);
        for (int child = 0; child < m_model->rowCount(category); ++child)
            rows += m_view->isRowHidden(child, category) ? 0 : 1;
    }
    const int rowHeight = std::max(m_view->sizeHintForRow(0), fontMetrics().height() + 2);
    const int frame = 2 * (m_popup->frameWidth() + 1);
    const int width =
        std::clamp(m_view->header()->sectionSize(0) + kExampleWidth, this->width(), kPopupMaxWidth);
    const int height = std::min(kPopupMaxHeight, rowHeight * std::max(rows, kMinimumRows) + frame);
    QRect geometry(mapToGlobal(QPoint(0, this->height())), QSize(width, height));
    if (const QScreen *screen = this->screen()) {
        const QRect available = screen->availableGeometry();
        if (geometry.bottom() > available.bottom() &&
            mapToGlobal(QPoint(0, 0)).y() - height >= available.top())
            geometry.moveBottom(mapToGlobal(QPoint(0, 0)).y() - 1);
        if (geometry.right() > available.right())
            geometry.moveRight(available.right());
        if (geometry.left() < available.left())
            geometry.moveLeft(available.left());
    }
    m_popup->setGeometry(geometry);
}

void TypePicker::onTextEdited(const QString &text)
{
    applyFilter(text);
    placePopup();
    if (!isPopupVisible())
        m_popup->show();
}

void TypePicker::applyFilter(const QString &text)
{
    const QStringList words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    const int categories = m_model->rowCount() - 1; // the last row is "no match"
    bool anything = false;
    for (int row = 0; row < categories; ++row) {
        const QModelIndex category = m_model->index(row, 0);
        bool any = false;
        for (int child = 0; child < m_model->rowCount(category); ++child) {
            const QString search = m_model->index(child, 0, category).data(SearchRole).toString();
            const bool match = std::all_of(words.cbegin(), words.cend(),
                                           [&](const QString &word) { return search.contains(word); });
            m_view->setRowHidden(child, category, !match);
            any = any || match;
        }
        m_view->setRowHidden(row, {}, !any);
        anything = anything || any;
    }
    m_view->setRowHidden(categories, {}, anything);

    const QModelIndex best = bestMatch(text);
    m_view->selectionModel()->setCurrentIndex(best, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
    // From the top when the best match fits on the first page, so its category heading shows too.
    m_view->scrollToTop();
    if (best.isValid())
        m_view->scrollTo(best);
}

QList<QModelIndex> TypePicker::visibleEntries() const
{
    QList<QModelIndex> entries;
    for (int row = 0; row < m_model->rowCount() - 1; ++row) {
        const QModelIndex category = m_model->index(row, 0);
        if (m_view->isRowHidden(row, {}))
            continue;
        for (int child = 0; child < m_model->rowCount(category); ++child) {
            if (!m_view->isRowHidden(child, category))
                entries << m_model->index(child, 0, category);
        }
    }
    return entries;
}

QModelIndex TypePicker::entryFor(const QString &id) const
{
    for (int row = 0; row < m_model->rowCount() - 1; ++row) {
        const QModelIndex category = m_model->index(row, 0);
        for (int child = 0; child < m_model->rowCount(category); ++child) {
            const QModelIndex entry = m_model->index(child, 0, category);
            if (entry.data(IdRole).toString() == id)
                return entry;
        }
    }
    return {};
}

QModelIndex TypePicker::bestMatch(const QString &text) const
{
    const QList<QModelIndex> entries = visibleEntries();
    const QString typed = text.trimmed().toLower();
    if (typed.isEmpty()) {
        const QModelIndex current = entryFor(m_typeId);
        return current.isValid() || entries.isEmpty() ? current : entries.first();
    }
    // The id typed exactly, then ids that start with the text (shortest first: "ema" → email, not
    // email_domain), then ids that contain it, then matches in the category or description.
    int bestScore = INT_MAX;
    QModelIndex best;
    for (const QModelIndex &entry : entries) {
        const QString id = entry.data(IdRole).toString();
        int score = 3000;
        if (id == typed)
            score = 0;
        else if (id.startsWith(typed))
            score = 1000 + int(id.size());
        else if (id.contains(typed))
            score = 2000 + int(id.size());
        if (score < bestScore) {
            bestScore = score;
            best = entry;
        }
    }
    return best;
}

void TypePicker::step(int delta)
{
    const QList<QModelIndex> entries = visibleEntries();
    if (entries.isEmpty())
        return;
    const qsizetype position = entries.indexOf(m_view->currentIndex().siblingAtColumn(0));
    qsizetype next = 0;
    if (position < 0)
        next = delta > 0 ? 0 : entries.size() - 1;
    else
        next = std::clamp<qsizetype>(position + delta, 0, entries.size() - 1);
    m_view->selectionModel()->setCurrentIndex(entries.at(next), QItemSelectionModel::ClearAndSelect |
                                                                    QItemSelectionModel::Rows);
    m_view->scrollTo(entries.at(next));
}

void TypePicker::choose(const QModelIndex &entry)
{
    const QString id = entry.siblingAtColumn(0).data(IdRole).toString();
    if (id.isEmpty())
        return;
    m_choosing = true;
    hidePopup();
    m_choosing = false;
    setTypeId(id);
    emit typeChosen(id);
}

void TypePicker::chooseFromText()
{
    const QString text = m_edit->text().trimmed();
    if (text == m_typeId) {
        // Enter on the shown type confirms it; that is a choice too (an editor closes on it).
        m_choosing = true;
        hidePopup();
        m_choosing = false;
        emit typeChosen(m_typeId);
        return;
    }
    applyFilter(text);
    const QModelIndex best = bestMatch(text);
    if (best.isValid())
        choose(best);
}

void TypePicker::cancel()
{
    hidePopup(); // restores the text, see eventFilter()
    m_edit->setText(m_typeId);
    m_edit->selectAll();
}

bool TypePicker::handleKey(QKeyEvent *event)
{
    const bool open = isPopupVisible();
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (event->modifiers() & Qt::AltModifier) {
            open ? cancel() : showPopup();
        } else if (!open) {
            showPopup();
        } else {
            step(event->key() == Qt::Key_Up ? -1 : 1);
        }
        return true;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        if (!open)
            return false;
        step(event->key() == Qt::Key_PageUp ? -kPageStep : kPageStep);
        return true;
    case Qt::Key_F4:
        open ? cancel() : showPopup();
        return true;
    case Qt::Key_Enter:
    case Qt::Key_Return:
        if (open && isEntry(m_view->currentIndex()))
            choose(m_view->currentIndex());
        else
            chooseFromText();
        return true;
    case Qt::Key_Escape:
        if (!open && m_edit->text() == m_typeId)
            return false; // nothing to cancel here: let an enclosing editor or dialog have it
        cancel();
        return true;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        // Leaving the field with the list open takes the highlighted type, as completers do.
        if (open && isEntry(m_view->currentIndex()))
            choose(m_view->currentIndex());
        else if (open)
            cancel();
        return false;
    default:
        return false;
    }
}

bool TypePicker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && (watched == m_edit || watched == m_popup || watched == m_view)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (handleKey(key))
            return true;
        // The open list holds the keyboard: what is not navigation is typing, and belongs to the field.
        if (watched != m_edit) {
            m_forwarding = true;
            QCoreApplication::sendEvent(m_edit, event);
            m_forwarding = false;
            return true;
        }
        return false;
    }
    if (watched == m_popup && event->type() == QEvent::Hide && !m_choosing)
        m_edit->setText(m_typeId); // closed by a click elsewhere: nothing was chosen
    if (watched == m_edit && event->type() == QEvent::FocusOut) {
        auto *focus = static_cast<QFocusEvent *>(event);
        if (focus->reason() != Qt::PopupFocusReason && !isPopupVisible()) {
            m_edit->setText(m_typeId);
            // Tell whoever watches the picker (an item delegate closes its editor on this), as a
            // plain line edit would.
            QFocusEvent out(QEvent::FocusOut, focus->reason());
            QCoreApplication::sendEvent(this, &out);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TypePicker::keyPressEvent(QKeyEvent *event)
{
    // Keys sent to the picker itself (rather than its field) are handled like keys in the field. A key
    // the field ignores comes back here by propagation: let it travel on then.
    if (m_forwarding) {
        event->ignore();
        return;
    }
    if (handleKey(event)) {
        event->accept();
        return;
    }
    m_forwarding = true;
    QCoreApplication::sendEvent(m_edit, event);
    m_forwarding = false;
}

void TypePicker::hideEvent(QHideEvent *event)
{
    hidePopup();
    QWidget::hideEvent(event);
}

} // namespace fabrica
