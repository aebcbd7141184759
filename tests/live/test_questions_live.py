"""Questions and hands reach simulated pages live: a guest's page never receives the name of an anonymous asker (in
the page or any event), the host's does; votes sent through the page's own events count once and arrive coalesced;
a pending question reaches only the host and the asker; "your turn" only the person called on."""
import asyncio
import json

import httpx

from bench.session_tab import SessionTab

QUESTIONS_TAG = 'nicegui-questions_view'
HANDS_TAG = 'nicegui-hand_queue'
SECRET_NAME = 'Zoë Quillfeather'  # a name nothing else on a page contains


def of(tab: SessionTab, *kinds: str) -> list[dict]:
    return [event for event in tab.events if event['type'] in kinds]


async def send(tab: SessionTab, tag: str, event: str, args: object = None, *, shape: str | None = None) -> None:
    found = tab.browser.find(tag=tag, prop=('shape', shape)) if shape else tab.browser.find(tag=tag)
    element_id = found[0][0]
    await tab.browser.send_event(element_id, event, args)


async def test_no_guest_page_gets_an_anonymous_askers_name_and_votes_count_once(
        api: httpx.AsyncClient, open_tab, host_tab) -> None:
    created = (await api.post('/api/sessions', json={'title': 'Live questions'})).json()
    code = created['code']
    teacher = await host_tab(code, created['host_key'])
    asker = await open_tab(code, SECRET_NAME)
    guests = [await open_tab(code, name) for name in ('Ana', 'Ben')]

    await send(asker, QUESTIONS_TAG, 'ask', {'body': 'Why is the sky blue?', 'anonymous': True})
    await asker.browser.wait_for(lambda: of(asker, 'questions.asked'))
    question_id = of(asker, 'questions.asked')[0]['id']
    for tab in (teacher, *guests):
        await tab.browser.wait_for(lambda tab=tab: of(tab, 'question.changed'))
    assert of(teacher, 'question.changed')[-1]['question']['author'] == SECRET_NAME
    assert of(guests[0], 'question.changed')[-1]['question']['author'] is None

    for tab in (teacher, *guests, asker):  # every page votes through its own element, some twice (a retry)
        await send(tab, QUESTIONS_TAG, 'vote', {'id': question_id, 'voted': True})
    await send(guests[0], QUESTIONS_TAG, 'vote', {'id': question_id, 'voted': True})
    for tab in (teacher, *guests, asker):
        await tab.browser.wait_for(lambda tab=tab: any(e['votes'].get(str(question_id)) == 4
                                                        for e in of(tab, 'question.votes')))
    assert len(of(guests[1], 'question.votes')) < 5  # coalesced: a few updates, not one per vote
    await send(guests[1], QUESTIONS_TAG, 'set_question', {'id': question_id, 'highlighted': True})  # not the host
    await guests[1].browser.wait_for(lambda: guests[1].browser.event_counts['notify'] >= 1)
    await send(teacher, QUESTIONS_TAG, 'set_question', {'id': question_id, 'highlighted': True})
    await guests[0].browser.wait_for(lambda: any(e['question']['highlighted']
                                                 for e in of(guests[0], 'question.changed')))

    reloaded = await open_tab(code, 'Cy')  # a page opened now has the question in its props
    _, view = reloaded.browser.find_one(tag=QUESTIONS_TAG)
    assert [(q['id'], q['author'], q['votes']) for q in view['props']['questions']] == [(question_id, None, 4)]
    for tab in (*guests, reloaded):  # (the people list names who is here: that is no secret; who asked is)
        about_questions = [e for e in tab.events if e['type'].startswith(('question', 'questions'))]
        assert about_questions or tab is reloaded
        received = json.dumps([about_questions, tab.browser.find_one(tag=QUESTIONS_TAG)], ensure_ascii=False)
        assert 'Quillfeather' not in received, "a guest page got the anonymous asker's name"
    assert 'Quillfeather' in json.dumps(of(teacher, 'question.changed'), ensure_ascii=False)


async def test_a_pending_question_reaches_the_host_and_its_asker_only(api: httpx.AsyncClient, open_tab,
                                                                     host_tab) -> None:
    created = (await api.post('/api/sessions', json={'title': 'Moderated'})).json()
    code = created['code']
    await api.patch(f'/api/sessions/{code}', json={'questions_moderated': True},
                    headers={'X-Host-Key': created['host_key']})
    teacher = await host_tab(code, created['host_key'])
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    await send(ana, QUESTIONS_TAG, 'ask', {'body': 'Can I go early?', 'anonymous': False})
    for tab in (teacher, ana):
        await tab.browser.wait_for(lambda tab=tab: any(e['question']['status'] == 'pending'
                                                        for e in of(tab, 'question.changed')))
    await send(teacher, QUESTIONS_TAG, 'set_question',
               {'id': of(ana, 'questions.asked')[0]['id'], 'status': 'open'})
    await ben.browser.wait_for(lambda: of(ben, 'question.changed'))
    assert [e['question']['status'] for e in of(ben, 'question.changed')] == ['open']


async def test_hands_go_up_once_per_person_and_only_the_called_person_hears_it(api: httpx.AsyncClient, open_tab,
                                                                              host_tab) -> None:
    created = (await api.post('/api/sessions', json={'title': 'Live hands'})).json()
    code = created['code']
    teacher = await host_tab(code, created['host_key'])
    ana = await open_tab(code, 'Ana')
    ana_again = await open_tab(code, 'Ana', same_browser_as=ana)
    ben = await open_tab(code, 'Ben')
    await send(ana, HANDS_TAG, 'raise', shape='button')
    await send(ana_again, HANDS_TAG, 'raise', shape='button')  # her other tab: still one hand
    await ben.browser.wait_for(lambda: of(ben, 'hands.changed'), timeout=15)  # Ana's is up: Ben's comes second
    await send(ben, HANDS_TAG, 'raise', shape='button')
    for tab in (teacher, ana, ben):
        await tab.browser.wait_for(lambda tab=tab: any([name for name, _at in e['hands']] == ['Ana', 'Ben']
                                                        for e in of(tab, 'hands.changed')), timeout=15)
    await send(teacher, HANDS_TAG, 'next', shape='panel')
    await ana.browser.wait_for(lambda: of(ana, 'hand.turn'))
    await ana_again.browser.wait_for(lambda: of(ana_again, 'hand.turn'))
    await ben.browser.wait_for(lambda: any([name for name, _at in e['hands']] == ['Ben']
                                           for e in of(ben, 'hands.changed')))
    await asyncio.sleep(0.3)
    assert of(ben, 'hand.turn') == [] and of(teacher, 'hand.turn') == []


async def test_a_person_who_leaves_the_session_lowers_their_hand(api: httpx.AsyncClient, open_tab) -> None:
    code = (await api.post('/api/sessions', json={'title': 'Leaving'})).json()['code']
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    for tab in (ana, ben):
        await send(tab, HANDS_TAG, 'raise', shape='button')
    await ben.browser.wait_for(lambda: any(len(e['hands']) == 2 for e in of(ben, 'hands.changed')))
    reloaded = await open_tab(code, 'Ben', same_browser_as=ben)  # Ben reloads: a new page, then the old one closes
    await ben.close()
    await ana.close()  # Ana leaves for good
    await reloaded.browser.wait_for(lambda: any([name for name, _at in e['hands']] == ['Ben']
                                                for e in of(reloaded, 'hands.changed')), timeout=20)
    assert [hand['name'] for hand in (await api.get(f'/api/sessions/{code}/hands')).json()] == ['Ben']


async def test_a_page_that_reconnects_gets_the_queue_and_the_questions_again(api: httpx.AsyncClient, open_tab) -> None:
    code = (await api.post('/api/sessions', json={'title': 'Reconnecting'})).json()['code']
    ana = await open_tab(code, 'Ana')
    await send(ana, HANDS_TAG, 'sync', 1, shape='panel')  # its first connect, nothing changed: no answer
    await api.post(f'/api/sessions/{code}/hands', json={'author': 'Ben'})  # while Ana's page was away, say
    await api.post(f'/api/sessions/{code}/questions', json={'author': 'Ben', 'body': 'Missed?', 'anonymous': True})
    await ana.browser.wait_for(lambda: of(ana, 'hands.changed'))  # (it was connected: the live update came too)
    ana.events.clear()
    await send(ana, HANDS_TAG, 'sync', 2, shape='panel')  # what the page sends on its second connect
    await send(ana, QUESTIONS_TAG, 'connected', 2)
    await ana.browser.wait_for(lambda: any([name for name, _at in e['hands']] == ['Ben']
                                           for e in of(ana, 'hands.changed')))
    await ana.browser.wait_for(lambda: of(ana, 'questions.reset'))
    assert [(q['body'], q['author']) for q in of(ana, 'questions.reset')[-1]['questions']] == [('Missed?', None)]
