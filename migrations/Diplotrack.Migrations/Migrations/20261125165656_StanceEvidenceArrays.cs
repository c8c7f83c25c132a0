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
            // The derived stance tables lose their actor keys and the evidence table becomes arrays on its change (ADR 0013):
            // a full recompute spent most of its time in per-row key checks and evidence inserts.
            migrationBuilder.DropForeignKey(name: "fk_stance_changes_actors_speaker_actor_id", schema: "app", table: "stance_changes");
            migrationBuilder.DropForeignKey(name: "fk_stance_changes_actors_target_actor_id", schema: "app", table: "stance_changes");
            migrationBuilder.DropForeignKey(name: "fk_stance_observations_actors_speaker_actor_id", schema: "app", table: "stance_observations");
            migrationBuilder.DropForeignKey(name: "fk_stance_observations_actors_target_actor_id", schema: "app", table: "stance_observations");
            // Hand SQL: the arrays are filled from the evidence table before it is dropped; the views that read it are rebuilt.
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_arrays.sql"));
            migrationBuilder.Sql(SqlScript.Read("stance_largest_changes_index.sql"));
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS app.ix_stance_changes_largest;");
            migrationBuilder.Sql(SqlScript.Read("stance_evidence_arrays_drop.sql"));
            migrationBuilder.AddForeignKey(name: "fk_stance_changes_actors_speaker_actor_id", schema: "app", table: "stance_changes", column: "speaker_actor_id",
                principalSchema: "app", principalTable: "actors", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "fk_stance_changes_actors_target_actor_id", schema: "app", table: "stance_changes", column: "target_actor_id",
                principalSchema: "app", principalTable: "actors", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "fk_stance_observations_actors_speaker_actor_id", schema: "app", table: "stance_observations", column: "speaker_actor_id",
                principalSchema: "app", principalTable: "actors", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "fk_stance_observations_actors_target_actor_id", schema: "app", table: "stance_observations", column: "target_actor_id",
                principalSchema: "app", principalTable: "actors", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.Sql(SqlScript.Read("reporting_views.20261125174245.sql"));
        }
    }
}
