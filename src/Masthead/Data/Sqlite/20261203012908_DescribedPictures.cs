using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite
{
    /// <inheritdoc />
    public partial class DescribedPictures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Icon",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Logo",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Caption",
                table: "Media",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "Version",
                table: "Media",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "FeaturedImageAlt",
                table: "Articles",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeaturedImageCaption",
                table: "Articles",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Icon",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "Logo",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "Caption",
                table: "Media");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Media");

            migrationBuilder.DropColumn(
                name: "FeaturedImageAlt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "FeaturedImageCaption",
                table: "Articles");
        }
    }
}
