// The kanban board: dragging a card, or choosing a move in the card's menu (the keyboard's way), asks the server for
// that transition. The server decides; a transition that needs a reason opens the dialog first, and a refusal puts the
// card back where it was, with the server's message.
(() => {
  const board = document.querySelector('.board');
  if (!board) {
    return;
  }

  const url = board.dataset.moveUrl;
  const token = document.querySelector('#board-token input[name=__RequestVerificationToken]').value;
  const message = document.getElementById('board-message');
  const dialogElement = document.getElementById('move-dialog');
  const dialog = bootstrap.Modal.getOrCreateInstance(dialogElement);
  const reason = document.getElementById('move-reason');
  let waiting = null;

  const show = (text, done) => {
    message.textContent = text;
    message.classList.remove('d-none', 'alert-success', 'alert-danger');
    message.classList.add(done ? 'alert-success' : 'alert-danger');
  };

  const putBack = (move) => {
    if (move.item.parentNode !== move.from) {
      move.from.insertBefore(move.item, move.from.children[move.oldIndex] || null);
    }
  };

  // A card's menu offers the moves from the status it is in now.
  const refreshMenu = (item) => {
    const template = document.querySelector(`template[data-moves-from="${item.dataset.status}"]`);
    const menu = item.querySelector('[data-move-menu]');
    menu.replaceChildren(...(template ? template.content.cloneNode(true).children : []));
    item.querySelector('.board-move').hidden = menu.children.length === 0;
  };

  // A move chosen in the menu goes to the top of the target column once the server has done it; a target without a
  // column (a status hidden from queues) takes the card off the board.
  const land = (move) => {
    if (move.item.parentNode === move.to) {
      return;
    }

    if (move.to.isConnected) {
      move.to.prepend(move.item);
      move.item.querySelector('.board-move button').focus();
    } else {
      move.item.remove();
    }
  };

  const updateCounts = (counts) => {
    document.querySelectorAll('[data-count]').forEach((badge) => {
      badge.textContent = counts[badge.dataset.count] || 0;
    });
  };

  const send = async (move, why) => {
    const body = new URLSearchParams({ id: move.item.dataset.id, to: move.to.dataset.status });
    if (why) {
      body.set('reason', why);
    }

    let answer;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { RequestVerificationToken: token, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      answer = await response.json();
    } catch (error) {
      answer = { done: false, message: String(error), needs: [], counts: null };
    }

    if (answer.counts) {
      updateCounts(answer.counts);
    }

    if (answer.done) {
      move.item.dataset.status = move.to.dataset.status;
      land(move);
      refreshMenu(move.item);
      show(answer.message, true);
    } else if (answer.needs && answer.needs.length > 0 && !why) {
      waiting = move;
      reason.value = '';
      dialog.show();
    } else {
      putBack(move);
      show(answer.message, false);
    }
  };

  board.querySelectorAll('.board-cards').forEach((list) => {
    Sortable.create(list, {
      group: 'claims',
      animation: 150,
      forceFallback: true,
      filter: '.board-move',
      preventOnFilter: false,
      onEnd: (event) => {
        if (event.from !== event.to) {
          send({ item: event.item, from: event.from, oldIndex: event.oldIndex, to: event.to });
        }
      },
    });
  });

  board.addEventListener('click', (event) => {
    const choice = event.target.closest('[data-move-to]');
    if (!choice) {
      return;
    }

    const item = choice.closest('.card');
    const from = item.parentNode;
    let to = board.querySelector(`.board-cards[data-status="${choice.dataset.moveTo}"]`);
    if (!to) {
      to = document.createElement('ol');
      to.dataset.status = choice.dataset.moveTo;
    }

    send({ item, from, oldIndex: Array.prototype.indexOf.call(from.children, item), to });
  });

  document.getElementById('move-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const move = waiting;
    waiting = null;
    dialog.hide();
    send(move, reason.value);
  });

  dialogElement.querySelector('[data-move-cancel]').addEventListener('click', () => dialog.hide());
  dialogElement.addEventListener('hidden.bs.modal', () => {
    if (waiting) {
      putBack(waiting);
      waiting = null;
    }
  });
})();
