using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IngestionJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "document_versions",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    document_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    normalised_text = table.Column<string>(type: "text", nullable: false),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    snapshot_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    exchanges_added = table.Column<int>(type: "integer", nullable: false),
                    exchanges_removed = table.Column<int>(type: "integer", nullable: false),
                    exchanges_changed = table.Column<int>(type: "integer", nullable: false),
                    statements_added = table.Column<int>(type: "integer", nullable: false),
                    statements_removed = table.Column<int>(type: "integer", nullable: false),
                    statements_changed = table.Column<int>(type: "integer", nullable: false),
                    diff = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_versions", x => x.id);
                    table.CheckConstraint("ck_document_versions_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_document_versions_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "app",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingestion_runs",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    job_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    duplicates = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_runs", x => x.id);
                    table.CheckConstraint("ck_ingestion_runs_status", "status IN ('running', 'succeeded', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "page_snapshots",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    http_status = table.Column<int>(type: "integer", nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_page_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    listing_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    link_pattern = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    format = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    last_polled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                    table.CheckConstraint("ck_sources_state", "state IN ('new', 'ok', 'failing')");
                });

            migrationBuilder.CreateTable(
                name: "ingestion_files",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    moved_to = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_files", x => x.id);
                    table.CheckConstraint("ck_ingestion_files_outcome", "outcome IN ('created', 'duplicate', 'failed')");
                    table.ForeignKey(
                        name: "fk_ingestion_files_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "app",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_ingestion_files_ingestion_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "app",
                        principalTable: "ingestion_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_pages",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    source_id = table.Column<int>(type: "integer", nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_status = table.Column<int>(type: "integer", nullable: true),
                    last_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    retry_count = table.Column<int>(type: "integer", nullable: false),
                    next_retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_pages", x => x.id);
                    table.CheckConstraint("ck_source_pages_kind", "kind IN ('listing', 'transcript')");
                    table.ForeignKey(
                        name: "fk_source_pages_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "app",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_source_pages_sources_source_id",
                        column: x => x.source_id,
                        principalSchema: "app",
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_versions_document_id_version",
                schema: "app",
                table: "document_versions",
                columns: new[] { "document_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_document_id",
                schema: "app",
                table: "ingestion_files",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_run_id",
                schema: "app",
                table: "ingestion_files",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_files_sha256",
                schema: "app",
                table: "ingestion_files",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_runs_started_at",
                schema: "app",
                table: "ingestion_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_page_snapshots_sha256",
                schema: "app",
                table: "page_snapshots",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_page_snapshots_url",
                schema: "app",
                table: "page_snapshots",
                column: "url");

            migrationBuilder.CreateIndex(
                name: "ix_source_pages_document_id",
                schema: "app",
                table: "source_pages",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_source_pages_source_id_kind",
                schema: "app",
                table: "source_pages",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_source_pages_url",
                schema: "app",
                table: "source_pages",
                column: "url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sources_name",
                schema: "app",
                table: "sources",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_versions",
                schema: "app");

            migrationBuilder.DropTable(
                name: "ingestion_files",
                schema: "app");

            migrationBuilder.DropTable(
                name: "page_snapshots",
                schema: "app");

            migrationBuilder.DropTable(
                name: "source_pages",
                schema: "app");

            migrationBuilder.DropTable(
                name: "ingestion_runs",
                schema: "app");

            migrationBuilder.DropTable(
                name: "sources",
                schema: "app");
        }
    }
}
