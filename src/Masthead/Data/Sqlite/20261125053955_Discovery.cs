using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ContentChangedAt",
                table: "SiteSettings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FeedFullContent",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "OriginIsCanonical",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Uuid",
                table: "Articles",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Uuid",
                table: "Articles",
                column: "Uuid");

            // The full-text index: see SearchIndexSql. Body text of existing rows is filled in by DatabaseSetup.
            migrationBuilder.Sql(Search.SearchIndexSql.CreateSqliteTable);
            migrationBuilder.Sql(Search.SearchIndexSql.CreateSqliteTriggers);
            migrationBuilder.Sql(Search.SearchIndexSql.RebuildSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Search.SearchIndexSql.DropSqlite);

            migrationBuilder.DropIndex(
                name: "IX_Articles_Uuid",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ContentChangedAt",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "FeedFullContent",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "OriginIsCanonical",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Uuid",
                table: "Articles");
        }
    }
}
