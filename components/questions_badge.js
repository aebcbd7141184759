// The number of questions not seen yet, on the Questions tab (the Questions view counts them).
import { questionsUnread } from "studyhall/questions.js";

export default {
  template: `
    <q-badge v-if="count" color="negative" floating rounded :label="count" class="sh-q-badge" :aria-label="label" />
  `,
  props: { sessionId: Number, unreadOne: String, unreadMany: String },
  computed: {
    count() {
      return questionsUnread[this.sessionId] || 0;
    },
    label() {
      return (this.count === 1 ? this.unreadOne : this.unreadMany).replace("%(count)d", this.count);
    },
  },
};
