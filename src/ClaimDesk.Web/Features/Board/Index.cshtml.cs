using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Board;

/// <summary>The answer to a drag: done (with the new counts), a dialog to fill in, or a refusal to show.</summary>
public sealed record MoveAnswer(bool Done, string Message, IReadOnlyList<string> Needs, IReadOnlyDictionary<string, int> Counts);

/// <summary>A move a card's menu offers: the target status and its label.</summary>
public sealed record BoardMove(string To, string Label);

/// <summary>
/// The kanban board (DESIGN §3.4): the register's statuses as columns. Dragging a card asks the server to perform that
/// transition; the workflow and the user's role decide, a transition with required fields first asks for them, and a
/// refusal sends the card back with the reason. The personal board shows only the user's own claims.
/// </summary>
public sealed class IndexModel(
    AppDbContext db, BoardQueries queries, ClaimCommands commands, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private readonly Dictionary<string, IReadOnlyList<BoardMove>> _moves = [];

    public ClaimBoard Board { get; private set; } = null!;

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true)]
    public string? Register { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync()
    {
        var registers = await db.Registers.AsNoTracking().OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(Language)))];
        Register ??= (registers.FirstOrDefault(r => r.Kind == Core.Registers.RegisterKind.Complaints) ?? registers.FirstOrDefault())?.Code ?? "";
        var board = await queries.GetAsync(Register, Mine ? audit.CurrentActor.Id : null, Language, HttpContext.RequestAborted);
        if (board is null)
        {
            return NotFound();
        }

        Board = board;
        Staff = await StaffDirectory.NamesAsync(db, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Performs the move a drag asks for; answers JSON for the board's script.</summary>
    public async Task<IActionResult> OnPostMoveAsync(long id, string to, string? reason, string? comment)
    {
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == id && !c.IsDeleted)
            .Select(c => new { c.RegisterId, c.Status }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (claim is null)
        {
            return NotFound();
        }

        var register = await db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery()
            .SingleAsync(r => r.Id == claim.RegisterId, HttpContext.RequestAborted);
        var workflow = register.Workflow;
        var actor = audit.CurrentActor;
        var input = new TransitionInput(new Dictionary<string, string?> { ["reason"] = reason, ["comment"] = comment }, []);
        var outcome = await commands.TransitionAsync(id, to ?? "", input, actor, HttpContext.RequestAborted);
        var counts = await queries.CountsAsync(claim.RegisterId, Mine ? actor.Id : null, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return new JsonResult(new MoveAnswer(true, localizer["The claim moved to the next status."], [], counts));
        }

        var needs = outcome.Refusal == Refusal.Invalid && outcome.Field is { } field
            && workflow.Transition(claim.Status, to ?? "")?.RequiredFields.Contains(field) == true
            ? [field]
            : Array.Empty<string>();
        return new JsonResult(new MoveAnswer(false, OutcomeText.Message(outcome, workflow, Language, localizer), needs, counts))
        {
            StatusCode = outcome.Refusal switch
            {
                Refusal.NotFound => StatusCodes.Status404NotFound,
                Refusal.Forbidden => StatusCodes.Status403Forbidden,
                Refusal.Invalid => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            },
        };
    }

    /// <summary>
    /// The moves a card in <paramref name="from"/> offers in its menu (the keyboard's way to move it): the workflow's
    /// transitions from that status the current user's role may perform, in the order of the target statuses.
    /// </summary>
    public IReadOnlyList<BoardMove> MovesFrom(string from)
    {
        if (!_moves.TryGetValue(from, out var moves))
        {
            moves = [.. Board.Workflow.From(from, audit.CurrentActor.Roles)
                .Select(t => Board.Workflow.Status(t.ToStatus))
                .OfType<WorkflowStatus>()
                .OrderBy(s => s.SortOrder)
                .Select(s => new BoardMove(s.Code, s.StaffLabel.In(Language)))];
            _moves[from] = moves;
        }

        return moves;
    }

    /// <summary>Whether the current user may move a claim from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool MayMove(string from, string to) =>
        Board.Workflow.Transition(from, to) is { } transition && transition.AllowedRoles.Any(audit.CurrentActor.Roles.Contains);
}
