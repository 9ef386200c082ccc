using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Board;

/// <summary>A claim as a kanban card shows it.</summary>
public sealed record BoardCard(long Id, string Number, string ContactName, string? Product, string? AssigneeId, DateTime ReceivedAt);

/// <summary>One column: a status of the register's workflow, how many claims are in it, and the newest of them.</summary>
public sealed record BoardColumn(string Status, string Label, StatusCategory Category, int Count, IReadOnlyList<BoardCard> Cards);

/// <summary>The board of one register: its workflow and the columns in the workflow's order.</summary>
public sealed record ClaimBoard(int RegisterId, string Register, Workflow Workflow, IReadOnlyList<BoardColumn> Columns);

/// <summary>
/// Reads the kanban board: the register's statuses (those shown in queues) as columns, each with its count and its
/// newest cards, counted and limited in SQL; optionally only one person's claims (the personal board).
/// </summary>
public sealed class BoardQueries(AppDbContext db)
{
    public const int CardsPerColumn = 50;

    public async Task<ClaimBoard?> GetAsync(string registerCode, string? assigneeId, string language, CancellationToken cancellationToken = default)
    {
        var register = await db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Code == registerCode, cancellationToken);
        if (register is null)
        {
            return null;
        }

        var claims = db.Claims.AsNoTracking().Where(c => c.RegisterId == register.Id && !c.IsDeleted);
        if (assigneeId is not null)
        {
            claims = claims.Where(c => c.AssigneeId == assigneeId);
        }

        var counts = await claims.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var columns = new List<BoardColumn>();
        foreach (var status in register.Workflow.Statuses.Where(s => !s.HiddenFromQueues).OrderBy(s => s.SortOrder))
        {
            var cards = counts.GetValueOrDefault(status.Code) == 0 ? [] : await claims.Where(c => c.Status == status.Code)
                .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
                .Take(CardsPerColumn)
                .Select(c => new BoardCard(c.Id, c.Number, c.ContactName,
                    c.Lines.OrderBy(l => l.LineNo).Select(l => l.ProductName).FirstOrDefault(), c.AssigneeId, c.ReceivedAt))
                .ToListAsync(cancellationToken);
            columns.Add(new BoardColumn(status.Code, status.StaffLabel.In(language), status.Category,
                counts.GetValueOrDefault(status.Code), cards));
        }

        return new ClaimBoard(register.Id, register.Code, register.Workflow, columns);
    }

    /// <summary>Each status's count, for updating the column heads after a move.</summary>
    public async Task<Dictionary<string, int>> CountsAsync(int registerId, string? assigneeId, CancellationToken cancellationToken = default)
    {
        var claims = db.Claims.AsNoTracking().Where(c => c.RegisterId == registerId && !c.IsDeleted);
        if (assigneeId is not null)
        {
            claims = claims.Where(c => c.AssigneeId == assigneeId);
        }

        return await claims.GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
    }
}
