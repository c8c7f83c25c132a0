using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StanceObservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stance_changes",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    speaker_actor_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_actor_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    theme = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    grain = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    document_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    is_self_reference = table.Column<bool>(type: "boolean", nullable: false),
                    event_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    previous_period_start = table.Column<DateOnly>(type: "date", nullable: true),
                    previous_document_id = table.Column<long>(type: "bigint", nullable: true),
                    current_period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    current_document_id = table.Column<long>(type: "bigint", nullable: true),
                    gap_periods = table.Column<int>(type: "integer", nullable: true),
                    previous_n = table.Column<int>(type: "integer", nullable: true),
                    current_n = table.Column<int>(type: "integer", nullable: true),
                    previous_stance_index = table.Column<double>(type: "double precision", nullable: true),
                    current_stance_index = table.Column<double>(type: "double precision", nullable: true),
                    previous_salience = table.Column<double>(type: "double precision", nullable: true),
                    current_salience = table.Column<double>(type: "double precision", nullable: true),
                    delta_stance = table.Column<double>(type: "double precision", nullable: true),
                    delta_salience = table.Column<double>(type: "double precision", nullable: true),
                    direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    p_value = table.Column<double>(type: "double precision", nullable: true),
                    q_value = table.Column<double>(type: "double precision", nullable: true),
                    significant = table.Column<bool>(type: "boolean", nullable: false),
                    test_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    codebook_versions = table.Column<List<int>>(type: "integer[]", nullable: false),
                    content_hash = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stance_changes", x => x.id);
                    table.CheckConstraint("ck_stance_changes_direction", "direction IN ('up', 'down', 'flat')");
                    table.CheckConstraint("ck_stance_changes_document", "(grain = 'document') = (current_document_id IS NOT NULL) AND (grain <> 'document' OR (previous_document_id IS NULL) = (previous_period_start IS NULL))");
                    table.CheckConstraint("ck_stance_changes_event", "event_type IN ('change', 'sign_flip', 'first_appearance', 'disappearance')");
                    table.CheckConstraint("ck_stance_changes_grain", "grain IN ('document', 'month', 'quarter', 'year')");
                    table.CheckConstraint("ck_stance_changes_p", "p_value BETWEEN 0 AND 1 AND q_value BETWEEN 0 AND 1");
                    table.ForeignKey(
                        name: "fk_stance_changes_actors_speaker_actor_id",
                        column: x => x.speaker_actor_id,
                        principalSchema: "app",
                        principalTable: "actors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stance_changes_actors_target_actor_id",
                        column: x => x.target_actor_id,
                        principalSchema: "app",
                        principalTable: "actors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stance_observations",
                schema: "app",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    speaker_actor_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_actor_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    theme = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    grain = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    document_id = table.Column<long>(type: "bigint", nullable: true),
                    document_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    is_self_reference = table.Column<bool>(type: "boolean", nullable: false),
                    n_statements = table.Column<int>(type: "integer", nullable: false),
                    n_hostile = table.Column<int>(type: "integer", nullable: false),
                    n_critical = table.Column<int>(type: "integer", nullable: false),
                    n_neutral = table.Column<int>(type: "integer", nullable: false),
                    n_positive = table.Column<int>(type: "integer", nullable: false),
                    n_cooperative = table.Column<int>(type: "integer", nullable: false),
                    stance_index = table.Column<double>(type: "double precision", nullable: false),
                    stance_variance = table.Column<double>(type: "double precision", nullable: true),
                    stance_sd = table.Column<double>(type: "double precision", nullable: true),
                    speaker_statements = table.Column<int>(type: "integer", nullable: false),
                    salience = table.Column<double>(type: "double precision", nullable: false),
                    codebook_versions = table.Column<List<int>>(type: "integer[]", nullable: false),
                    content_hash = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stance_observations", x => x.id);
                    table.CheckConstraint("ck_stance_observations_document", "(grain = 'document') = (document_id IS NOT NULL)");
                    table.CheckConstraint("ck_stance_observations_grain", "grain IN ('document', 'month', 'quarter', 'year')");
                    table.CheckConstraint("ck_stance_observations_histogram", "n_statements > 0 AND n_hostile + n_critical + n_neutral + n_positive + n_cooperative = n_statements");
                    table.CheckConstraint("ck_stance_observations_index", "stance_index BETWEEN -2 AND 2");
                    table.CheckConstraint("ck_stance_observations_salience", "salience > 0 AND salience <= 1");
                    table.ForeignKey(
                        name: "fk_stance_observations_actors_speaker_actor_id",
                        column: x => x.speaker_actor_id,
                        principalSchema: "app",
                        principalTable: "actors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stance_observations_actors_target_actor_id",
                        column: x => x.target_actor_id,
                        principalSchema: "app",
                        principalTable: "actors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stance_change_evidence",
                schema: "app",
                columns: table => new
                {
                    stance_change_id = table.Column<long>(type: "bigint", nullable: false),
                    side = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    rank = table.Column<short>(type: "smallint", nullable: false),
                    statement_id = table.Column<long>(type: "bigint", nullable: false),
                    stance = table.Column<short>(type: "smallint", nullable: false),
                    contribution = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stance_change_evidence", x => new { x.stance_change_id, x.side, x.rank });
                    table.CheckConstraint("ck_stance_change_evidence_side", "side IN ('previous', 'current')");
                    table.CheckConstraint("ck_stance_change_evidence_stance", "stance BETWEEN -2 AND 2");
                    table.ForeignKey(
                        name: "fk_stance_change_evidence_stance_changes_stance_change_id",
                        column: x => x.stance_change_id,
                        principalSchema: "app",
                        principalTable: "stance_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stance_change_evidence_statements_statement_id",
                        column: x => x.statement_id,
                        principalSchema: "app",
                        principalTable: "statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stance_change_evidence_statement_id",
                schema: "app",
                table: "stance_change_evidence",
                column: "statement_id");

            migrationBuilder.CreateIndex(
                name: "ix_stance_changes_target_actor_id_grain_significant",
                schema: "app",
                table: "stance_changes",
                columns: new[] { "target_actor_id", "grain", "significant" });

            migrationBuilder.CreateIndex(
                name: "ux_stance_changes_key",
                schema: "app",
                table: "stance_changes",
                columns: new[] { "speaker_actor_id", "document_kind", "grain", "target_actor_id", "theme", "current_period_start", "current_document_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_stance_observations_document_id",
                schema: "app",
                table: "stance_observations",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_stance_observations_target_actor_id_grain",
                schema: "app",
                table: "stance_observations",
                columns: new[] { "target_actor_id", "grain" });

            migrationBuilder.CreateIndex(
                name: "ux_stance_observations_key",
                schema: "app",
                table: "stance_observations",
                columns: new[] { "speaker_actor_id", "document_kind", "grain", "target_actor_id", "theme", "period_start", "document_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stance_change_evidence",
                schema: "app");

            migrationBuilder.DropTable(
                name: "stance_observations",
                schema: "app");

            migrationBuilder.DropTable(
                name: "stance_changes",
                schema: "app");
        }
    }
}
