package io.huitong.approvals.internal;

import io.huitong.kernel.ApiException;

/** An approver's note, as people will read it in the approval and the audit: short, plain text. */
final class Notes {

    static final int MAX_LENGTH = 500;

    private Notes() {
    }

    /** The note to keep: null when none or blank, else the note itself; anything else is a 400 on {@code note}. */
    static String check(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_LENGTH) {
            throw ApiException.invalid("note", "note must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (Character.isISOControl(c)) {
                throw ApiException.invalid("note", "note must not contain control characters");
            }
            // a lone half of a surrogate pair is no character at all, and no database would keep it as sent
            if (Character.isHighSurrogate(c) && i + 1 < note.length() && Character.isLowSurrogate(note.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid("note", "note must be valid Unicode text");
            }
        }
        return note;
    }
}
