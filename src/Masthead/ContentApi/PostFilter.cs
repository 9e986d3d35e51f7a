using System.Globalization;
using System.Linq.Expressions;
using Masthead.Articles;

namespace Masthead.ContentApi;

/// <summary>
/// A parsed NQL filter as a predicate the store evaluates (never in memory: a filter narrows 100,000 articles).
/// Keys: tag, tags, tags.slug, tags.name, primary_tag, author, authors, authors.slug, primary_author, featured, slug,
/// title, id, uuid, published_at, updated_at, created_at, feature_image, visibility, status.
/// </summary>
public static class PostFilter
{
    public static Expression<Func<Article, bool>> Build(NqlNode node, GhostCatalog catalog) => node switch
    {
        NqlAnd and => and.Parts.Select(p => Build(p, catalog)).Aggregate((l, r) => Combine(l, r, Expression.AndAlso)),
        NqlOr or => or.Parts.Select(p => Build(p, catalog)).Aggregate((l, r) => Combine(l, r, Expression.OrElse)),
        NqlCompare compare => Leaf(compare, catalog),
        _ => throw new NqlError("unsupported filter"),
    };

    private static Expression<Func<Article, bool>> Leaf(NqlCompare c, GhostCatalog catalog)
    {
        switch (c.Key)
        {
            case "tag" or "tags" or "tags.slug" or "tags.name":
            {
                var ids = catalog.TermIds(c.Values, byName: c.Key == "tags.name");
                return Membership(c, a => a.Terms.Any(t => ids.Contains(t.TermId)));
            }
            case "primary_tag" or "primary_tag.slug":
            {
                var ids = catalog.TermIds(c.Values);
                return Membership(c, a => ids.Contains(a.Terms.OrderBy(t => t.Term.Vocabulary.Position).ThenBy(t => t.Position)
                    .Select(t => t.TermId).FirstOrDefault()));
            }
            case "author" or "authors" or "authors.slug":
            {
                var slugs = Lower(c);
                return Membership(c, a => a.Bylines.Any(b => slugs.Contains(b.Person.Slug.ToLower())));
            }
            case "primary_author" or "primary_author.slug":
            {
                var slugs = Lower(c);
                return Membership(c, a => slugs.Contains(a.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Slug.ToLower()).FirstOrDefault()!));
            }
            case "featured":
            {
                var values = c.Values.Select(v => v switch
                {
                    "true" or "1" => true, "false" or "0" => false,
                    _ => throw new NqlError($"featured is true or false, not '{v}'"),
                }).ToList();
                return Membership(c, a => values.Contains(a.Featured));
            }
            case "slug": return Text(c, a => a.Slug);
            case "title": return Text(c, a => a.Headline);
            case "feature_image": return Text(c, a => a.FeaturedImage);
            case "uuid":
            {
                var uuids = c.Values.Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).ToList();
                return Membership(c, a => uuids.Contains(a.Uuid));
            }
            case "id":
            {
                var ids = c.Values.Select(v => GhostIds.Parse(GhostIds.Kind.Post, v) ?? 0).ToList();
                return Membership(c, a => ids.Contains(a.Id));
            }
            case "published_at": return Date(c, a => a.PublishedAt!.Value);
            case "updated_at": return Date(c, a => a.UpdatedAt);
            case "created_at": return Date(c, a => a.CreatedAt);
            // Everything the Content API shows is public and published.
            case "visibility": return Constant(c, "public");
            case "status": return Constant(c, "published");
            default: throw new NqlError($"posts cannot be filtered by '{c.Key}'");
        }
    }

    private static List<string> Lower(NqlCompare c) => c.Values.Select(v => v?.ToLowerInvariant() ?? "").ToList();

    /// <summary>is / is not / in / not in, for a test that already holds the list of values.</summary>
    private static Expression<Func<Article, bool>> Membership(NqlCompare c, Expression<Func<Article, bool>> test) => c.Op switch
    {
        NqlOp.Equal or NqlOp.In => test,
        NqlOp.NotEqual or NqlOp.NotIn => Not(test),
        _ => throw new NqlError($"'{c.Key}' can only be compared for (in)equality"),
    };

    private static Expression<Func<Article, bool>> Text(NqlCompare c, Expression<Func<Article, string?>> field)
    {
        if (c.Values.Count == 1 && c.Values[0] is null)
            return c.Op switch
            {
                NqlOp.Equal => Apply(field, f => Expression.Equal(f, Expression.Constant(null, typeof(string)))),
                NqlOp.NotEqual => Apply(field, f => Expression.NotEqual(f, Expression.Constant(null, typeof(string)))),
                _ => throw new NqlError($"null can only be compared for (in)equality"),
            };
        var values = c.Values.Select(v => v ?? "").ToList();
        var one = Expression.Constant(values[0].ToLowerInvariant());
        Expression Lowered(Expression f) => Expression.Call(Expression.Coalesce(f, Expression.Constant("")), nameof(string.ToLower), Type.EmptyTypes);
        Expression<Func<Article, bool>> Call(string method) =>
            Apply(field, f => Expression.Call(Lowered(f), typeof(string).GetMethod(method, [typeof(string)])!, one));
        return c.Op switch
        {
            NqlOp.Equal or NqlOp.In or NqlOp.NotEqual or NqlOp.NotIn => Membership(c, Apply(field, f =>
                Expression.Call(Expression.Constant(values), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, f))),
            NqlOp.Contains => Call(nameof(string.Contains)),
            NqlOp.NotContains => Not(Call(nameof(string.Contains))),
            NqlOp.StartsWith => Call(nameof(string.StartsWith)),
            NqlOp.NotStartsWith => Not(Call(nameof(string.StartsWith))),
            NqlOp.EndsWith => Call(nameof(string.EndsWith)),
            NqlOp.NotEndsWith => Not(Call(nameof(string.EndsWith))),
            _ => throw new NqlError($"'{c.Key}' cannot be compared with > or <"),
        };
    }

    private static Expression<Func<Article, bool>> Date(NqlCompare c, Expression<Func<Article, DateTime>> field)
    {
        if (c.Values.Count != 1 || c.Values[0] is not { } text) throw new NqlError($"'{c.Key}' is compared with one date");
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
            throw new NqlError($"'{text}' is not a date");
        var value = Expression.Constant(when);
        return c.Op switch
        {
            NqlOp.Equal => Apply(field, f => Expression.Equal(f, value)),
            NqlOp.NotEqual => Apply(field, f => Expression.NotEqual(f, value)),
            NqlOp.Greater => Apply(field, f => Expression.GreaterThan(f, value)),
            NqlOp.GreaterOrEqual => Apply(field, f => Expression.GreaterThanOrEqual(f, value)),
            NqlOp.Less => Apply(field, f => Expression.LessThan(f, value)),
            NqlOp.LessOrEqual => Apply(field, f => Expression.LessThanOrEqual(f, value)),
            _ => throw new NqlError($"'{c.Key}' is compared with :, :-, :>, :>=, :< or :<="),
        };
    }

    private static Expression<Func<Article, bool>> Constant(NqlCompare c, string only)
    {
        var holds = c.Values.Any(v => string.Equals(v, only, StringComparison.OrdinalIgnoreCase));
        return c.Op switch
        {
            NqlOp.Equal or NqlOp.In => _ => holds,
            NqlOp.NotEqual or NqlOp.NotIn => _ => !holds,
            _ => throw new NqlError($"'{c.Key}' can only be compared for (in)equality"),
        };
    }

    private static Expression<Func<Article, bool>> Apply<T>(Expression<Func<Article, T>> field, Func<Expression, Expression> body) =>
        Expression.Lambda<Func<Article, bool>>(body(field.Body), field.Parameters);

    private static Expression<Func<Article, bool>> Not(Expression<Func<Article, bool>> test) =>
        Expression.Lambda<Func<Article, bool>>(Expression.Not(test.Body), test.Parameters);

    private static Expression<Func<Article, bool>> Combine(Expression<Func<Article, bool>> left, Expression<Func<Article, bool>> right,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Article, bool>>(join(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
