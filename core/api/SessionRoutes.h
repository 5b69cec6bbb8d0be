#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// POST /auth/login, POST /auth/logout, GET /me, PUT /me/password: signing in and the signed-in user's own
// account, through the AuthService.
class SessionRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::SessionRoutes)

public:
    explicit SessionRoutes(ApiServer &server);

private:
    ApiServer::Reply login(const ApiServer::Request &request);
    ApiServer::Reply logout(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply me(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply changePassword(const ApiServer::Request &request, const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
