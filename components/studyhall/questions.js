// What the Questions view and its tab share on one page: how many questions the person has not seen yet, by session.
import { reactive } from "vue";

export const questionsUnread = reactive({});
