using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diplotrack.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StanceEvidenceInChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Evidence becomes a jsonb column of its change and the derived stance tables lose their actor keys: a full
            // recompute spent most of its time in per-row key checks and evidence inserts (ADR 0013).
            migrationBuilder.DropForeignKey(
                name: "fk_stance_changes_actors_speaker_actor_id",
                schema: "app",
                table: "stance_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_stance_changes_actors_target_actor_id",
                schema: "app",
                table: "stance_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_stance_observations_actors_speaker_actor_id",
                schema: "app",
                table: "stance_observations");

            migrationBuilder.DropForeignKey(
                name: "fk_stance_observations_actors_target_actor_id",
                schema: "app",
                table: "stance_observations");

            migrationBuilder.AddColumn<string>(
                name: "evidence",
                schema: "app",
                table: "stance_changes",
                type: "jsonb",
                nullable: true);

            // Fills the column from the old table, drops it, and puts a view of the same name and columns in its place.
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_view.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_view_drop.sql"));

            migrationBuilder.DropColumn(
                name: "evidence",
                schema: "app",
                table: "stance_changes");

            migrationBuilder.AddForeignKey(
                name: "fk_stance_changes_actors_speaker_actor_id",
                schema: "app",
                table: "stance_changes",
                column: "speaker_actor_id",
                principalSchema: "app",
                principalTable: "actors",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_stance_changes_actors_target_actor_id",
                schema: "app",
                table: "stance_changes",
                column: "target_actor_id",
                principalSchema: "app",
                principalTable: "actors",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_stance_observations_actors_speaker_actor_id",
                schema: "app",
                table: "stance_observations",
                column: "speaker_actor_id",
                principalSchema: "app",
                principalTable: "actors",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_stance_observations_actors_target_actor_id",
                schema: "app",
                table: "stance_observations",
                column: "target_actor_id",
                principalSchema: "app",
                principalTable: "actors",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(SqlScript.Read("reporting_views.sql"));
        }
    }
}
