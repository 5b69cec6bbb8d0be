#pragma once

namespace fabrica {

// One resource's routes (SessionRoutes, SchemaRoutes, …): a subclass registers its handlers on the
// ApiServer in its constructor and lives as long as the server.
class ApiRoutes
{
public:
    virtual ~ApiRoutes() = default;
};

} // namespace fabrica
