using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StanceEvidenceArrays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand SQL: the new columns are filled from the jsonb before it is dropped, and the views that read it are rebuilt.
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_arrays.sql"));
            migrationBuilder.Sql(SqlScript.Read("stance_largest_changes_index.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS app.ix_stance_changes_largest;");
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_arrays_drop.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.sql"));
        }
    }
}
