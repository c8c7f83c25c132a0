using System.CommandLine;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Jobs.Sources;
using Diplotrack.Features.Seeding;
using Diplotrack.Features.Users;
using Diplotrack.Features.Stance;
using Diplotrack.Hosting;

// diplotrack <verb>: one executable for the server, the workers and every operator task.
var root = new RootCommand("Diplotrack: diplomatic statements, coded and tracked over time.")
{
    ServeCommand.Create(),
    MigrateCommand.Create(),
    SeedCommand.Create(),
    IngestCommand.Create(),
    SourcesCommand.Create(),
    CodeCommand.Create(),
    RecodeCommand.Create(),
    UsersCommand.Create(),
    RecomputeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
