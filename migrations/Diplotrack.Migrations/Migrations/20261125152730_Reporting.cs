using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "formulas",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    stance = table.Column<short>(type: "smallint", nullable: false),
                    codebook_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_formulas", x => x.id);
                    table.CheckConstraint("ck_formulas_stance", "stance BETWEEN -2 AND 2");
                });

            migrationBuilder.CreateIndex(
                name: "ix_formulas_text",
                schema: "app",
                table: "formulas",
                column: "text",
                unique: true);

            // Hand-written SQL (see Sql/): indexes for the example queries, then the reporting views.
            migrationBuilder.Sql(SqlScript.Read("reporting_indexes.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScript.Read("reporting_views_drop.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_indexes_drop.sql"));

            migrationBuilder.DropTable(
                name: "formulas",
                schema: "app");
        }
    }
}
