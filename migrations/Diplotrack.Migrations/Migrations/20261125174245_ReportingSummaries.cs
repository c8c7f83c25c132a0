using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReportingSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Summaries of the codings per document, exchange and month, and formula_usage, as snapshots; every snapshot a
            // table refreshed by app.refresh_reporting_snapshot; indexes for one target's codings. Whole-archive examples
            // of docs/reporting.md stay under 50 ms on 5,000 documents (decision 0015).
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScript.Read("reporting_summaries_drop.sql"));
        }
    }
}
