using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.People;

public sealed record PersonRow(int Id, string Name, string Slug, int Articles);

public sealed class IndexModel(MastheadDb db) : BackOfficePage(db)
{
    public List<PersonRow> People { get; private set; } = [];

    public async Task OnGetAsync() => People = await Db.People.AsNoTracking().OrderBy(p => p.Name)
        .Select(p => new PersonRow(p.Id, p.Name, p.Slug, Db.Set<Masthead.Articles.Byline>().Count(b => b.PersonId == p.Id)))
        .ToListAsync();
}
