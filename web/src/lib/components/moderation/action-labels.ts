// Names of logged moderation actions ("question.approve" → "schválil(a) otázku"). The audit log
// is open-ended, so unknown actions fall back to their raw name instead of failing.
import { m } from '$lib/paraglide/messages';

const LABELS: Record<string, () => string> = {
  'question.approve': m.mod_log_approve,
  'question.reject': m.mod_log_reject,
  'question.edit': m.mod_log_edit,
  'question.merge': m.mod_log_merge,
  'question.pin': m.mod_log_pin,
  'question.unpin': m.mod_log_unpin,
  'question.answer': m.mod_log_answer,
  'question.assign': m.mod_log_assign,
  'question.undo': m.mod_log_undo,
  'chat.hide': m.mod_log_chat_hide,
  'chat.release': m.mod_log_chat_release,
  'participant.ban': m.mod_log_ban,
  'participant.unban': m.mod_log_unban,
  'session.settings': m.mod_log_settings,
  'poll.create': m.mod_log_poll_create,
  'poll.update': m.mod_log_poll_update,
  'poll.delete': m.mod_log_poll_delete,
  'poll.launch': m.mod_log_poll_launch,
  'poll.close': m.mod_log_poll_close,
  'stage.accept': m.mod_log_stage_accept,
  'stage.decline': m.mod_log_stage_decline,
  'stage.mute': m.mod_log_stage_mute,
  'stage.unmute': m.mod_log_stage_unmute,
  'stage.remove': m.mod_log_stage_remove,
  'stage.time': m.mod_log_stage_time,
};

export function actionLabel(action: string): string {
  return LABELS[action]?.() ?? action;
}

/** What the undo button's result says: "Vráceno: schválení otázky." */
const UNDONE: Record<string, () => string> = {
  'question.approve': m.mod_undone_approve,
  'question.reject': m.mod_undone_reject,
  'question.edit': m.mod_undone_edit,
  'question.merge': m.mod_undone_merge,
  'question.pin': m.mod_undone_pin,
  'question.unpin': m.mod_undone_unpin,
  'question.answer': m.mod_undone_answer,
  'question.assign': m.mod_undone_assign,
};

export function undoneLabel(action: string): string {
  return UNDONE[action]?.() ?? m.mod_undone_other({ action });
}
