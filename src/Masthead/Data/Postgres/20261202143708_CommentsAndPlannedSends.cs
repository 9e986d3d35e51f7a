using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Postgres
{
    /// <inheritdoc />
    public partial class CommentsAndPlannedSends : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SendRecipients_State_DueAt",
                table: "SendRecipients");

            migrationBuilder.AddColumn<bool>(
                name: "CommentMail",
                table: "Staff",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "CommentsBlockedWords",
                table: "SiteSettings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CommentsCloseAfterDays",
                table: "SiteSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "CommentsHoldFirst",
                table: "SiteSettings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "CommentsMaxLinks",
                table: "SiteSettings",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "CommentsMode",
                table: "SiteSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Planned",
                table: "NewsletterSends",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "BodyText",
                table: "Comments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "Comments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Flags",
                table: "Comments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HeldFor",
                table: "Comments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MemberId",
                table: "Comments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NotifyReplies",
                table: "Comments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "StaffId",
                table: "Comments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CommentsMode",
                table: "Articles",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SendRecipients_State_Id",
                table: "SendRecipients",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments",
                column: "AuthorEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_MemberId",
                table: "Comments",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_StaffId",
                table: "Comments",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_CreatedAt",
                table: "Comments",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Comments_Members_MemberId",
                table: "Comments",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Comments_Staff_StaffId",
                table: "Comments",
                column: "StaffId",
                principalTable: "Staff",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Comments_Members_MemberId",
                table: "Comments");

            migrationBuilder.DropForeignKey(
                name: "FK_Comments_Staff_StaffId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_SendRecipients_State_Id",
                table: "SendRecipients");

            migrationBuilder.DropIndex(
                name: "IX_Comments_AuthorEmail",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_MemberId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_StaffId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_Status_CreatedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentMail",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "CommentsBlockedWords",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "CommentsCloseAfterDays",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "CommentsHoldFirst",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "CommentsMaxLinks",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "CommentsMode",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "Planned",
                table: "NewsletterSends");

            migrationBuilder.DropColumn(
                name: "BodyText",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "Flags",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "HeldFor",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "MemberId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "NotifyReplies",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "StaffId",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentsMode",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_SendRecipients_State_DueAt",
                table: "SendRecipients",
                columns: new[] { "State", "DueAt" });
        }
    }
}
