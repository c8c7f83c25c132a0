using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FailedFileResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "resolution",
                schema: "app",
                table: "ingestion_files",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_reason",
                schema: "app",
                table: "ingestion_files",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                schema: "app",
                table: "ingestion_files",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                schema: "app",
                table: "ingestion_files",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "app",
                table: "ingestion_files",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddCheckConstraint(
                name: "ck_ingestion_files_resolution",
                schema: "app",
                table: "ingestion_files",
                sql: "resolution IS NULL OR (outcome = 'failed' AND resolution IN ('retried', 'discarded'))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_ingestion_files_resolution",
                schema: "app",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "resolution",
                schema: "app",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "resolution_reason",
                schema: "app",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                schema: "app",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                schema: "app",
                table: "ingestion_files");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "app",
                table: "ingestion_files");
        }
    }
}
