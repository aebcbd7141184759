// The number of questions not seen yet, on the Questions tab (the Questions view counts them).
import { plural } from "studyhall";
import { questionsUnread } from "studyhall/questions.js";

export default {
  template: `
    <q-badge v-if="count" color="negative" floating rounded :label="count" class="sh-q-badge" :aria-label="label" />
  `,
  props: { sessionId: Number, unread: Object }, // unread: its plural forms (questions_view.py)
  computed: {
    count() {
      return questionsUnread[this.sessionId] || 0;
    },
    label() {
      return plural(this.unread, this.count);
    },
  },
};
