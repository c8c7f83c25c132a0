using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReportingSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // reporting.codings reads a refreshed snapshot of the current codings; salience counts themes in one pass.
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScript.Read("reporting_snapshot_drop.sql"));
        }
    }
}
