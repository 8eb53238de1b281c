// Placeholder: being written.
#include <QtTest>

class Placeholder : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Placeholder)
#include "tst_fountconnector.moc"
