using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CodebookContentRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_codebook_versions_content_sha256",
                schema: "app",
                table: "codebook_versions");

            migrationBuilder.CreateIndex(
                name: "ix_codebook_versions_content_sha256",
                schema: "app",
                table: "codebook_versions",
                column: "content_sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_codebook_versions_content_sha256",
                schema: "app",
                table: "codebook_versions");

            migrationBuilder.CreateIndex(
                name: "ix_codebook_versions_content_sha256",
                schema: "app",
                table: "codebook_versions",
                column: "content_sha256",
                unique: true);
        }
    }
}
