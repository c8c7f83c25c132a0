using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReportingSnapshotNullKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The snapshot refresh compared keys with `=`, so summary rows with a NULL key (an unknown speaker's
            // actor) were deleted and re-inserted on every refresh; this copy matches them (decision 0016: a change
            // to the views script is a new frozen file run by a new migration).
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261204163000.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }
    }
}
