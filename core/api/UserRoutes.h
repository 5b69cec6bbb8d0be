#pragma once

#include "ApiRoutes.h"
#include "ApiServer.h"

namespace fabrica {

// GET/POST /users, GET/PUT/DELETE /users/{id}: user management for administrators, through the
// AuthService as the window's Users dialog does it. A User gets 403 on every one of them except
// GET /users/{their own id}, which answers what GET /me does.
class UserRoutes : public ApiRoutes
{
    Q_DECLARE_TR_FUNCTIONS(fabrica::UserRoutes)

public:
    explicit UserRoutes(ApiServer &server);

private:
    ApiServer::Reply list(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply create(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply get(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply update(const ApiServer::Request &request, const UserRecord &user);
    ApiServer::Reply remove(const ApiServer::Request &request, const UserRecord &user);

    // 403 for a signed-in User on an administrator's route.
    static ApiServer::Reply forbidden(const UserRecord &user);

    ApiServer &m_server;
};

} // namespace fabrica
