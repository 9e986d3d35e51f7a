using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite
{
    /// <inheritdoc />
    public partial class RecipientClaimOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SendRecipients_State_DueAt",
                table: "SendRecipients");

            migrationBuilder.CreateIndex(
                name: "IX_SendRecipients_State_Id",
                table: "SendRecipients",
                columns: new[] { "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SendRecipients_State_Id",
                table: "SendRecipients");

            migrationBuilder.CreateIndex(
                name: "IX_SendRecipients_State_DueAt",
                table: "SendRecipients",
                columns: new[] { "State", "DueAt" });
        }
    }
}
