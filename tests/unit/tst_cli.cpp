// PLACEHOLDER: to be replaced by the real test.
#include <QtTest>
class Placeholder : public QObject { Q_OBJECT private slots: void notWritten() { QFAIL("test not written yet"); } };
QTEST_GUILESS_MAIN(Placeholder)
#include "tst_cli.moc"
