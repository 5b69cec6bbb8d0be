#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"
#include "import/ImportService.h"

namespace fabrica {

// POST /imports: a ZIP, one file (.fabrica.json, SQL DDL, CSV/TSV samples) or a multipart/form-data upload
// of several files goes through the ImportService (as `fabrica import` and the window's import do); the
// report comes back, and unless ?dryRun=true the schemas are stored for the signed-in user.
class ImportRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::ImportRoutes)

public:
    explicit ImportRoutes(ApiServer &server);

    // The largest request body the socket guard lets through to POST /imports: the import limit and room
    // for the part headers of a multipart body.
    static qint64 bodyLimit(const ImportLimits &limits);

private:
    struct Upload
    {
        QString name; // with the ending that tells the ImportService what it is
        QByteArray data;
    };

    ApiServer::Reply post(const ApiServer::Request &request, const UserRecord &user);
    // The files of the request, named; an unknown media type is a 415 error.
    Result<QList<Upload>> uploads(const ApiServer::Request &request) const;

    ApiServer &m_server;
};

} // namespace fabrica
