#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "courier.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCsv, "courier.csv", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMapping, "courier.mapping", QtInfoMsg)
Q_LOGGING_CATEGORY(lcExport, "courier.export", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "courier.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "courier.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "courier.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "courier.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "courier.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnectors, "courier.connectors", QtInfoMsg)
