using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

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
                    id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    gloss = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    intensity = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_formulas", x => x.id);
                    table.CheckConstraint("ck_formulas_intensity", "intensity BETWEEN -3 AND 3");
                });

            migrationBuilder.InsertData(
                schema: "app",
                table: "formulas",
                columns: new[] { "id", "gloss", "intensity", "text" },
                values: new object[,]
                {
                    { 1, "strongly condemn", (short)-3, "强烈谴责" },
                    { 2, "firmly oppose", (short)-3, "坚决反对" },
                    { 3, "strong dissatisfaction", (short)-2, "强烈不满" },
                    { 4, "grave concern", (short)-2, "严重关切" },
                    { 5, "bullying", (short)-2, "霸凌" },
                    { 6, "containment", (short)-2, "遏制" },
                    { 7, "suppression", (short)-2, "打压" },
                    { 8, "urge", (short)-1, "敦促" },
                    { 9, "express concern", (short)-1, "表示关切" },
                    { 10, "community with a shared future for mankind", (short)0, "人类命运共同体" },
                    { 11, "welcome", (short)1, "欢迎" },
                    { 12, "win-win cooperation", (short)1, "合作共赢" },
                    { 13, "mutual benefit and win-win", (short)1, "互利共赢" },
                    { 14, "historic", (short)2, "历史性" },
                    { 15, "good-neighbourly friendship", (short)2, "睦邻友好" },
                    { 16, "highly appreciate", (short)2, "高度赞赏" },
                    { 17, "comprehensive strategic partnership", (short)2, "全面战略伙伴关系" },
                    { 18, "comprehensive strategic partnership of coordination", (short)3, "全面战略协作伙伴关系" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_formulas_text",
                schema: "app",
                table: "formulas",
                column: "text",
                unique: true);

            // Hand-written SQL (see Sql/): indexes for the example queries, then the reporting views.
            migrationBuilder.Sql(SqlScript.Read("reporting_indexes.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.sql"));
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
